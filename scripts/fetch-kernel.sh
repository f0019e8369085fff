#!/usr/bin/env bash
# Downloads a Debian suite's newest kernel (image, modules, headers, kbuild) without installing it, unpacks it into the cache and prints the --kernel argument.
#
#   bash scripts/fetch-kernel.sh SUITE [FLAVOUR] [--toolchain] [--cache DIR]
#
#   SUITE        a Debian suite: sid, trixie, bookworm-backports, bookworm-security, …
#   FLAVOUR      the kernel flavour (default amd64; rt-amd64, cloud-amd64)
#   --toolchain  unpack into a minimal root of SUITE (debootstrap, as root) with the headers
#                installed there by apt, so their compiler (7.2: gcc-16) comes with them: the
#                harness builds the module chrooted into it when this host lacks that compiler
#   --cache      where kernels go (default $KMH_CACHE_DIR/kernels, else ~/.cache/kmemharness/kernels)
#
# The mirror is the one this host's apt sources name (scripts/lib/debian-mirror.sh); apt's state
# is kept in the cache, never in /etc/apt or /var/lib/apt. The packages are the image's and the
# headers' own: linux-image-<release> with linux-base-<release>, linux-binary-<release> and
# linux-modules-<release> where the suite splits them (7.2 does), linux-headers-<release> with
# its -common and linux-kbuild-<abi>. They are unpacked with `dpkg -x` into
# <cache>/<suite>-<release>/root, modules.dep made with `depmod -b`, and the headers' Makefile
# pointed at the unpacked tree instead of /usr/src (with --toolchain the headers stay where apt
# put them, for builds inside the root). Done once per release: a second call prints
# the same argument. The last line of standard output is the --kernel argument; everything else
# goes to standard error.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
SCRIPT_NAME=fetch-kernel
# shellcheck source=lib/messages.sh
. "$SCRIPT_DIR/lib/messages.sh"
# shellcheck source=lib/suite-apt.sh
. "$SCRIPT_DIR/lib/suite-apt.sh"

SUITE=""
FLAVOUR=amd64
TOOLCHAIN=false
CACHE=${KMH_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/kmemharness}/kernels

usage() { die "usage: bash scripts/fetch-kernel.sh SUITE [FLAVOUR] [--toolchain] [--cache DIR]" 2; }

parse_arguments() {
	local positional=()
	while [ $# -gt 0 ]; do
		case "$1" in
		--cache) CACHE=${2:?--cache needs a folder} && shift ;;
		--toolchain) TOOLCHAIN=true ;;
		-h | --help) usage ;;
		-*) usage ;;
		*) positional+=("$1") ;;
		esac
		shift
	done
	[ ${#positional[@]} -ge 1 ] && [ ${#positional[@]} -le 2 ] || usage
	SUITE=${positional[0]}
	[ ${#positional[@]} -lt 2 ] || FLAVOUR=${positional[1]}
	[[ $SUITE =~ ^[a-z][a-z0-9-]*$ ]] || die "'$SUITE' is not a suite name (sid, trixie, bookworm-security, …)" 2
	[[ $FLAVOUR =~ ^[a-z0-9-]+$ ]] || die "'$FLAVOUR' is not a kernel flavour (amd64, rt-amd64, …)" 2
}

require() {
	command -v "$1" >/dev/null || die "$1 is not installed: install it with \`apt-get install $2\`"
}

# linux-image-<release> that linux-image-<flavour> points at.
versioned_image() {
	local image
	image=$(depends_of "linux-image-$FLAVOUR" | grep -E "^linux-image-.*-$FLAVOUR\$" | head -1)
	[ -n "$image" ] || die "$SUITE has no linux-image-$FLAVOUR (or it depends on no linux-image-<release>-$FLAVOUR)"
	echo "$image"
}

# The dependencies of the packages named on standard input that carry the kernel's ABI, with them.
with_abi_dependencies() {
	local abi=$1 package
	while read -r package; do
		echo "$package"
		depends_of "$package"
	done | grep -E "^linux-[a-z]+-$abi([-+]|\$)" | sort -u
}

# The image with its own packages: linux-base-, linux-binary-, linux-modules-<release> where split.
image_packages() {
	echo "linux-image-$1" | with_abi_dependencies "$2"
}

# The headers with theirs: -common, and linux-kbuild-<abi> (a dependency of either).
headers_packages() {
	{
		echo "linux-headers-$1"
		depends_of "linux-headers-$1"
	} | with_abi_dependencies "$2"
}

download_and_unpack() {
	local unpacked=$1 started=$SECONDS packages
	shift
	mkdir -p "$unpacked/debs" "$unpacked/root"
	packages=("$@")
	say "downloading ${packages[*]}"
	(cd "$unpacked/debs" && apt_in_cache apt-get download -qq "${packages[@]}" >&2) || die "apt-get download failed"
	for deb in "$unpacked"/debs/*.deb; do
		dpkg -x "$deb" "$unpacked/root"
	done
	rm -rf "$unpacked/debs"
	say "downloaded and unpacked in $((SECONDS - started)) s"
}

# Runs a command chrooted into a root, with /dev and /proc in a mount namespace of its own. Making
# that namespace private remounts /, which only a mount point can be (not so in a chroot of a folder).
in_root() {
	local root=$1
	shift
	mountpoint -q / || die "/ is not a mount point (a chroot into a plain folder?), so no private mount namespace \
can keep the $SUITE root's mounts from leaking out; bind-mount that folder onto itself before chrooting in"
	unshare --mount --propagation private -- sh -c \
		'mount --rbind /dev "$1/dev" && mount -t proc proc "$1/proc" && root=$1 && shift && exec chroot "$root" "$@"' \
		sh "$root" "$@"
}

# A minimal root of the suite with the headers installed by apt, so their compiler comes along.
# The host's apt configuration goes in with its mirror (a snapshot mirror's Check-Valid-Until).
# The logs go beside the cache entry, not into the partial folder a failure removes.
make_toolchain_root() {
	local root=$1 release=$2 mirror started=$SECONDS log=$CACHE/$SUITE-$2
	require debootstrap debootstrap
	mkdir -p "$(dirname "$root")"
	mirror=$(debian_mirror "$SUITE")
	say "debootstrap --variant=minbase $SUITE (log: $log.debootstrap.log)"
	debootstrap --variant=minbase "$SUITE" "$root" "$mirror" >"$log.debootstrap.log" 2>&1 ||
		die "debootstrap of $SUITE failed; see $log.debootstrap.log"
	cp /etc/apt/apt.conf.d/* "$root/etc/apt/apt.conf.d/" 2>/dev/null || true
	cp --remove-destination /etc/resolv.conf "$root/etc/resolv.conf"
	echo "deb $mirror $SUITE main" >"$root/etc/apt/sources.list"
	printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d" && chmod 755 "$root/usr/sbin/policy-rc.d"
	say "installing linux-headers-$release and make in it"
	in_root "$root" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends linux-headers-$release make" >"$log.apt.log" 2>&1 ||
		die "installing linux-headers-$release in the $SUITE root failed; see $log.apt.log"
	say "toolchain root made in $((SECONDS - started)) s"
}

# modules.dep (the packages leave it to depmod at install time), found through a usr-merged /lib.
make_module_index() {
	local root=$1 release=$2
	[ -e "$root/lib" ] || ln -s usr/lib "$root/lib"
	depmod -b "$root" "$release" 2>/dev/null || die "depmod -b $root $release failed"
}

# The headers' Makefile names /usr/src/…: point it at the unpacked tree.
point_headers_at() {
	local root=$1 final_root=$2 release=$3
	local makefile=$root/usr/src/linux-headers-$release/Makefile
	[ -f "$makefile" ] || die "linux-headers-$release unpacked no Makefile"
	sed -i "s|/usr/src/|$final_root/usr/src/|g" "$makefile"
}

kernel_argument() {
	local root=$1 release=$2
	for image in "$root/usr/lib/modules/$release/vmlinuz" "$root/boot/vmlinuz-$release"; do
		[ -f "$image" ] && echo "$image" && return
	done
	die "linux-image-$release unpacked no vmlinuz"
}

# The kernel unpacked in `unpacked`/root: the headers by dpkg -x pointed at the tree, or, with
# --toolchain, installed by apt into a root of the suite.
make_kernel_tree() {
	local unpacked=$1 target=$2 release=$3 abi
	abi=$(printf '%s' "${release%-"$FLAVOUR"}" | sed 's/[.+]/\\&/g')  # 7.2.13+deb14, as a regex
	local images
	mapfile -t images < <(image_packages "$release" "$abi")
	if [ "$TOOLCHAIN" = true ]; then
		make_toolchain_root "$unpacked/root" "$release"
		download_and_unpack "$unpacked" "${images[@]}"
		touch "$unpacked/toolchain"
	else
		local headers
		mapfile -t headers < <(headers_packages "$release" "$abi")
		download_and_unpack "$unpacked" "${images[@]}" "${headers[@]}"
		point_headers_at "$unpacked/root" "$target/root" "$release"
	fi
	make_module_index "$unpacked/root" "$release"
}

main() {
	parse_arguments "$@"
	require apt-get apt
	require dpkg dpkg
	require depmod kmod
	APT_DIR=$CACHE/apt-$SUITE
	update_package_lists
	local image release target
	image=$(versioned_image)
	release=${image#linux-image-}
	target=$CACHE/$SUITE-$release
	if [ ! -e "$target/complete" ] || { [ "$TOOLCHAIN" = true ] && [ ! -e "$target/toolchain" ]; }; then
		local unpacked=$target.partial.$$
		trap 'rm -rf --one-file-system "$unpacked"' EXIT
		make_kernel_tree "$unpacked" "$target" "$release"
		touch "$unpacked/complete"
		rm -rf --one-file-system "$target"
		mv "$unpacked" "$target"
		trap - EXIT
	fi
	say "$release of $SUITE in $target/root"
	kernel_argument "$target/root" "$release"
}

main "$@"
