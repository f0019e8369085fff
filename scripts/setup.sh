#!/usr/bin/env bash
# One idempotent set-up for a fresh Debian 12 machine (as root): install, build, then demo or test.
#
#   bash scripts/setup.sh demo    install what the build and host runs need, build, run scenarios/pcpu_bounce.toml
#   bash scripts/setup.sh test    install all the suite uses (programs, kernels), build, run the whole suite (what CI runs)
#   bash scripts/setup.sh build   install what the build needs, build only
#   bash scripts/setup.sh host    install what the build and host runs need, build only (a LAVA or CI job, docs/ci.md)
#   bash scripts/setup.sh kernel-tree  install all `test` does and what a kernel build needs, build, run the
#                                 kernel_tree tests: a linux-source-6.12 build booted with --kernel-tree
#                                 (`test` leaves them out: the kernel build alone takes longer than the suite)
#
# Programs and their packages come from scripts/external-programs.tsv, the kernels the VM tests
# boot from scripts/debian-kernels.tsv; only the libraries the build links against are listed here.
set -euo pipefail

cd "$(dirname "$0")/.."

PROGRAMS_FILE=scripts/external-programs.tsv
KERNELS_FILE=scripts/debian-kernels.tsv

# Headers and libraries the build compiles and links against: no program of theirs is run.
BUILD_LIBRARIES=(
	libc6-dev libbpf-dev libelf-dev zlib1g-dev libdw-dev
	libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libfmt-dev libyaml-cpp-dev libssl-dev
	libboost-math-dev libsqlite3-dev systemtap-sdt-dev libgtest-dev libgmock-dev libbenchmark-dev
	libclang-rt-14-dev # libFuzzer and the sanitizers' runtimes for tests/fuzz (only recommended by clang)
)

say() { printf '[setup] %s\n' "$*"; }

# The package of every program PROGRAMS_FILE lists for one of the users given (build, run, ...).
program_packages() {
	awk -F'\t' -v wanted="$*" '
		BEGIN { split(wanted, list, " "); for (i in list) want[list[i]] = 1 }
		/^#/ || NF == 0 { next }
		{ n = split($3, users, ","); for (i = 1; i <= n; i++) if (users[i] in want) { print $2; next } }
	' "$PROGRAMS_FILE"
}

# The image and headers metapackages of every kernel KERNELS_FILE lists for `user`.
kernel_packages() {
	awk -F'\t' -v wanted="$1" '
		/^#/ || NF == 0 { next }
		{ n = split($5, users, ","); for (i = 1; i <= n; i++) if (users[i] == wanted) { print $3; print $4; next } }
	' "$KERNELS_FILE"
}

packages_for() {
	case "$1" in
	build) program_packages build ;;
	demo | host) program_packages build run ;;
	test)
		program_packages build run vm test bench docs check
		kernel_packages test
		;;
	kernel-tree)
		program_packages build run vm test tree
		;;
	esac
	printf '%s\n' "${BUILD_LIBRARIES[@]}"
}

# The packages of `@` that dpkg does not report installed, one query for all of them (it exits 1
# when it knows some of them not at all, as on a fresh machine).
missing_packages() {
	local installed
	installed=$({ dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true; } |
		awk '/ install ok installed$/ { print $1 }')
	for package in "$@"; do
		grep -qx -- "$package" <<<"$installed" || echo "$package"
	done
}

install_packages() {
	local wanted missing
	mapfile -t wanted < <(packages_for "$1" | sort -u)
	mapfile -t missing < <(missing_packages "${wanted[@]}")
	if [ ${#missing[@]} -eq 0 ]; then
		say "all ${#wanted[@]} Debian packages for '$1' already installed"
		return
	fi
	if [ "$(id -u)" -ne 0 ]; then
		echo "setup: installing ${missing[*]} needs root" >&2
		exit 3
	fi
	say "installing ${#missing[@]} Debian packages: ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
	say "building into build/"
	# -g1 (line tables): a third less compile time than -g (result_json.cpp 14.4 s to 10.5 s of CPU), backtraces still have lines
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" >/dev/null
	cmake --build build -j"$(nproc)"
}

main() {
	local mode=${1:-demo}
	case "$mode" in
	demo | test | build | host | kernel-tree) ;;
	*)
		echo "usage: bash scripts/setup.sh [demo|test|build|host|kernel-tree]" >&2
		exit 2
		;;
	esac
	install_packages "$mode"
	build
	case "$mode" in
	demo) exec build/kmemharness run scenarios/pcpu_bounce.toml ;;
	test) exec ctest --test-dir build --output-on-failure --label-exclude kernel_tree ;;
	kernel-tree) exec ctest --test-dir build --output-on-failure --label-regex kernel_tree ;;
	build | host) ;;
	esac
}

main "$@"
