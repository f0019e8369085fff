#!/usr/bin/env bash
# One idempotent set-up for a fresh Debian 12 machine (as root): install, build, then demo or test.
#
#   bash scripts/setup.sh demo    install, build, run scenarios/pcpu_bounce.toml
#   bash scripts/setup.sh test    install, build, run the whole test suite (what CI runs)
#   bash scripts/setup.sh build   install and build only
set -euo pipefail

cd "$(dirname "$0")/.."

PACKAGES=(
	build-essential cmake pkg-config git ca-certificates
	clang llvm libbpf-dev bpftool libelf-dev zlib1g-dev
	libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libfmt-dev libyaml-cpp-dev libssl-dev
	libboost-math-dev libsqlite3-dev systemtap-sdt-dev libgtest-dev libgmock-dev libbenchmark-dev
	stress-ng linux-perf
	libdw-dev
)

say() { printf '[setup] %s\n' "$*"; }

install_packages() {
	local missing=()
	for package in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$package")
	done
	if [ ${#missing[@]} -eq 0 ]; then
		say "all ${#PACKAGES[@]} Debian packages already installed"
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
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build build -j"$(nproc)"
}

main() {
	local mode=${1:-demo}
	case "$mode" in
	demo | test | build) ;;
	*)
		echo "usage: bash scripts/setup.sh [demo|test|build]" >&2
		exit 2
		;;
	esac
	install_packages
	build
	case "$mode" in
	demo) exec build/kmemharness run scenarios/pcpu_bounce.toml ;;
	test) exec ctest --test-dir build --output-on-failure ;;
	build) ;;
	esac
}

main "$@"
