#!/usr/bin/env bash
# Builds a Debian kernel source package with a small configuration into a cached build folder (make O=DIR) and prints that folder, for --kernel-tree.
#
#   bash scripts/build-kernel-tree.sh [--series 6.12] [--suite bookworm-security] [--jobs N] [--cache DIR]
#
#   --series  the linux-source-SERIES package to build (default 6.12)
#   --suite   the Debian suite it comes from (default bookworm-security, where Debian 12 has 6.12)
#   --jobs    make's parallel jobs (default: the online CPUs)
#   --cache   where trees go (default $KMH_CACHE_DIR/trees, else ~/.cache/kmemharness/trees)
#
# The configuration is x86_64_defconfig and kvm_guest.config with scripts/kernel-tree.config merged
# in (scripts/kconfig/merge_config.sh), then olddefconfig; an option of the fragment that the
# kernel did not take is an error. The tree is <cache>/linux-<version>-<digest of the fragment>:
# the source in src/, the build in out/. It is built once: a second call prints the same folder.
# The last line of standard output is the folder; progress goes to standard error.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
SCRIPT_NAME=build-kernel-tree
# shellcheck source=lib/messages.sh
. "$SCRIPT_DIR/lib/messages.sh"
# shellcheck source=lib/suite-apt.sh
. "$SCRIPT_DIR/lib/suite-apt.sh"

SERIES=6.12
SUITE=bookworm-security
JOBS=$(nproc)
CACHE=${KMH_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/kmemharness}/trees
FRAGMENT=$SCRIPT_DIR/kernel-tree.config
PROGRESS_SECONDS=60

usage() { die "usage: bash scripts/build-kernel-tree.sh [--series 6.12] [--suite SUITE] [--jobs N] [--cache DIR]" 2; }

parse_arguments() {
	while [ $# -gt 0 ]; do
		case "$1" in
		--series) SERIES=${2:?--series needs a kernel series} && shift ;;
		--suite) SUITE=${2:?--suite needs a suite} && shift ;;
		--jobs) JOBS=${2:?--jobs needs a number} && shift ;;
		--cache) CACHE=${2:?--cache needs a folder} && shift ;;
		*) usage ;;
		esac
		shift
	done
	[[ $SERIES =~ ^[0-9]+\.[0-9]+$ ]] || die "'$SERIES' is not a kernel series (6.12, 6.1, …)" 2
	[[ $SUITE =~ ^[a-z][a-z0-9-]*$ ]] || die "'$SUITE' is not a suite name (bookworm-security, sid, …)" 2
	[[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "--jobs '$JOBS' is not a positive number" 2
}

# The programs a kernel build runs, with the Debian package of each (scripts/external-programs.tsv).
require_build_programs() {
	local program package missing=()
	while IFS=$'\t' read -r program package; do
		command -v "$program" >/dev/null || missing+=("$package")
	done < <(awk -F'\t' '!/^#/ && NF && $3 ~ /(^|,)tree(,|$)/ { print $1 "\t" $2 }' "$SCRIPT_DIR/external-programs.tsv")
	[ ${#missing[@]} -eq 0 ] || die "a kernel build needs ${missing[*]}: install them with \`apt-get install ${missing[*]}\` (or bash scripts/setup.sh kernel-tree)"
}

unpack_source() {
	local tree=$1 version=$2 started=$SECONDS
	mkdir -p "$tree/debs"
	say "downloading linux-source-$SERIES $version"
	(cd "$tree/debs" && apt_in_cache apt-get download -qq "linux-source-$SERIES" >&2) || die "apt-get download linux-source-$SERIES failed"
	dpkg -x "$tree"/debs/linux-source-"$SERIES"_*.deb "$tree/debs/root"
	mkdir -p "$tree/src"
	tar -xaf "$tree/debs/root/usr/src/linux-source-$SERIES.tar.xz" -C "$tree/src" --strip-components=1
	rm -rf "$tree/debs"
	say "downloaded and unpacked in $((SECONDS - started)) s"
}

# Every line of the fragment must hold in .config: CONFIG_X=v as it is, "# CONFIG_X is not set" as absent.
check_configuration() {
	local config=$1 line name
	while read -r line; do
		case "$line" in
		CONFIG_*)
			grep -qxF "$line" "$config" || die "the kernel did not take $line from $FRAGMENT: a dependency is missing (see $config)"
			;;
		*)
			name=${line#\# } && name=${name%% *}
			! grep -q "^$name=" "$config" || die "the kernel kept $name, which $FRAGMENT unsets: another option selects it (see $config)"
			;;
		esac
	done < <(grep -E '^(CONFIG_|# CONFIG_[A-Z0-9_]+ is not set$)' "$FRAGMENT")
}

configure() {
	local tree=$1
	say "configuring: x86_64_defconfig kvm_guest.config + $(basename "$FRAGMENT")"
	make -s -C "$tree/src" O="$tree/out" x86_64_defconfig kvm_guest.config >"$tree/configure.log" 2>&1 ||
		die "make defconfig failed; see $tree/configure.log"
	(cd "$tree/out" && "$tree/src/scripts/kconfig/merge_config.sh" -m -O . .config "$FRAGMENT") >>"$tree/configure.log" 2>&1 ||
		die "merging $FRAGMENT failed; see $tree/configure.log"
	make -s -C "$tree/src" O="$tree/out" olddefconfig >>"$tree/configure.log" 2>&1 ||
		die "make olddefconfig failed; see $tree/configure.log"
	check_configuration "$tree/out/.config"
}

# make bzImage modules, saying what it is compiling every PROGRESS_SECONDS.
compile() {
	local tree=$1 started=$SECONDS log=$1/build.log pid next=$PROGRESS_SECONDS
	say "make -j$JOBS bzImage modules (log: $log)"
	make -C "$tree/src" O="$tree/out" -j"$JOBS" bzImage modules >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 5
		if [ $((SECONDS - started)) -ge "$next" ] && kill -0 "$pid" 2>/dev/null; then
			say "$(((SECONDS - started) / 60)) min: $(grep -c '^  CC' "$log" || true) files compiled, at $(tail -1 "$log" | sed 's/^ *//')"
			next=$((next + PROGRESS_SECONDS))
		fi
	done
	wait "$pid" || die "make bzImage modules failed after $((SECONDS - started)) s; see $log:
$(tail -15 "$log")"
	say "built in $((SECONDS - started)) s"
}

main() {
	parse_arguments "$@"
	require_build_programs
	APT_DIR=$CACHE/apt-$SUITE
	update_package_lists
	local version tree
	version=$(candidate_version "linux-source-$SERIES")
	[ -n "$version" ] || die "$SUITE has no linux-source-$SERIES"
	tree=$CACHE/linux-$version-$(sha256sum "$FRAGMENT" | cut -c1-12)
	mkdir -p "$CACHE"
	exec 9>"$tree.lock"
	flock 9
	if [ ! -e "$tree/complete" ]; then
		rm -rf --one-file-system "$tree"
		unpack_source "$tree" "$version"
		configure "$tree"
		compile "$tree"
		touch "$tree/complete"
	fi
	say "linux-source-$SERIES $version built in $tree/out ($(cat "$tree/out/include/config/kernel.release"))"
	echo "$tree/out"
}

main "$@"
