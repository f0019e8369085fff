#!/usr/bin/env bash
# Downloads a Debian suite's newest kernel (image, modules, headers, kbuild) without installing it, unpacks it into the cache and prints the --kernel argument.
#
#   bash scripts/fetch-kernel.sh SUITE [FLAVOUR] [--cache DIR]
#
#   SUITE     a Debian suite: sid, trixie, bookworm-backports, bookworm-security, …
#   FLAVOUR   the kernel flavour (default amd64; rt-amd64, cloud-amd64)
#   --cache   where kernels go (default $KMH_CACHE_DIR/kernels, else ~/.cache/kmemharness/kernels)
#
# The mirror is the one this host's apt sources name (scripts/lib/debian-mirror.sh); apt's state
# is kept in the cache, never in /etc/apt or /var/lib/apt. The packages are the image's and the
# headers' own: linux-image-<release> with linux-base-<release>, linux-binary-<release> and
# linux-modules-<release> where the suite splits them (7.2 does), linux-headers-<release> with
# its -common and linux-kbuild-<abi>. They are unpacked with `dpkg -x` into
# <cache>/<suite>-<release>/root, modules.dep made with `depmod -b`, and the headers' Makefile
# pointed at the unpacked tree instead of /usr/src. Done once per release: a second call prints
# the same argument. The last line of standard output is the --kernel argument; everything else
# goes to standard error.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/debian-mirror.sh
. "$SCRIPT_DIR/lib/debian-mirror.sh"

SUITE=""
FLAVOUR=amd64
CACHE=${KMH_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/kmemharness}/kernels

say() { printf '[fetch-kernel] %s\n' "$*" >&2; }
die() {
	printf 'fetch-kernel: %s\n' "$1" >&2
	exit "${2:-3}"
}
usage() { die "usage: bash scripts/fetch-kernel.sh SUITE [FLAVOUR] [--cache DIR]" 2; }

parse_arguments() {
	local positional=()
	while [ $# -gt 0 ]; do
		case "$1" in
		--cache) CACHE=${2:?--cache needs a folder} && shift ;;
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

# apt-get/apt-cache on a sources list of one suite, with state of their own under APT_DIR.
apt_in_cache() {
	local tool=$1
	shift
	"$tool" -o Dir::Etc::SourceList="$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$APT_DIR/lists" -o Dir::Cache="$APT_DIR/cache" \
		-o Dir::State::status=/dev/null -o APT::Sandbox::User=root "$@"
}

update_package_lists() {
	local mirror
	mirror=$(debian_mirror "$SUITE")
	[ -n "$mirror" ] || die "this host's apt sources name no Debian mirror to take $SUITE from"
	mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $SUITE main" >"$APT_DIR/sources.list"
	say "package lists of $SUITE from $mirror"
	apt_in_cache apt-get update -qq >&2 || die "apt-get update of $SUITE from $mirror failed"
}

# The packages a package depends on, one per line, alternatives and versions removed.
depends_of() {
	apt_in_cache apt-cache show --no-all-versions "$1" 2>/dev/null |
		awk -F': ' '/^Depends:/ { print $2; exit }' | tr ',' '\n' | sed 's/|.*//; s/(.*//; s/[[:space:]]//g' | grep -v '^$' || true
}

# linux-image-<release> that linux-image-<flavour> points at.
versioned_image() {
	local image
	image=$(depends_of "linux-image-$FLAVOUR" | grep -E "^linux-image-.*-$FLAVOUR\$" | head -1)
	[ -n "$image" ] || die "$SUITE has no linux-image-$FLAVOUR (or it depends on no linux-image-<release>-$FLAVOUR)"
	echo "$image"
}

# The image and headers with their own packages: the dependencies that carry the kernel's ABI.
kernel_packages() {
	local release=$1 abi
	abi=$(printf '%s' "${1%-"$FLAVOUR"}" | sed 's/[.+]/\\&/g')  # 7.2.13+deb14, as a regex
	{
		echo "linux-image-$release"
		depends_of "linux-image-$release"
		echo "linux-headers-$release"
		depends_of "linux-headers-$release"
		depends_of "linux-headers-$release" | grep -E "^linux-headers-$abi-common\$" | while read -r common; do
			depends_of "$common"
		done
	} | grep -E "^linux-[a-z]+-$abi([-+]|\$)" | sort -u
}

download_and_unpack() {
	local release=$1 unpacked=$2 started=$SECONDS
	mkdir -p "$unpacked/debs" "$unpacked/root"
	local packages
	mapfile -t packages < <(kernel_packages "$release")
	say "downloading ${packages[*]}"
	(cd "$unpacked/debs" && apt_in_cache apt-get download -qq "${packages[@]}" >&2) || die "apt-get download failed"
	for deb in "$unpacked"/debs/*.deb; do
		dpkg -x "$deb" "$unpacked/root"
	done
	rm -rf "$unpacked/debs"
	say "downloaded and unpacked in $((SECONDS - started)) s"
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
	if [ ! -e "$target/complete" ]; then
		local unpacked=$target.partial.$$
		trap 'rm -rf "$unpacked"' EXIT
		download_and_unpack "$release" "$unpacked"
		make_module_index "$unpacked/root" "$release"
		point_headers_at "$unpacked/root" "$target/root" "$release"
		touch "$unpacked/complete"
		rm -rf "$target"
		mv "$unpacked" "$target"
		trap - EXIT
	fi
	say "$release of $SUITE in $target/root"
	kernel_argument "$target/root" "$release"
}

main "$@"
