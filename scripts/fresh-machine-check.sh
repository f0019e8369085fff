#!/usr/bin/env bash
# Checks that a fresh Debian 12 machine passes the suite: debootstrap a root, clone the checkout, run the README's test command in a chroot.
#
#   bash scripts/fresh-machine-check.sh [--root DIR] [--keep] [--repo PATH] [--branch NAME]
#
#   --root DIR     where the Debian root goes (default /var/tmp/kmh-fresh; it grows to about 6 GB)
#   --keep         keep the root afterwards; a kept root is reused (no debootstrap) on the next --keep run
#   --repo PATH    the repository to clone (default: the checkout this script is in)
#   --branch NAME  the branch to check (default: the one checked out there); only what is committed counts
#
# Runs as root. The mirror is the host's bookworm entry in /etc/apt/sources.list.d; the host's apt
# sources, its Acquire settings and resolv.conf are copied in. Inside, only `bash scripts/setup.sh test` runs, with
# CI=true and KMEMHARNESS_REQUIRE_BPF=1. The whole log goes to DIR.log; the ctest summary is
# printed at the end, and the exit code is the test command's. Everything mounted is unmounted on
# every way out.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/debian-mirror.sh
. "$SCRIPT_DIR/lib/debian-mirror.sh"
PROGRAMS_FILE=$SCRIPT_DIR/external-programs.tsv
ROOT=/var/tmp/kmh-fresh
KEEP=false
REPO=$(git -C "$SCRIPT_DIR" rev-parse --show-toplevel)
BRANCH=""
CHECKOUT=/root/kmemharness
MOUNTED=()                # mount points, in the order mounted
TEST_GROUP=""             # the process group of the test command while it runs
FINISHED=.kmh-fresh-root  # marks a root whose debootstrap completed

say() { printf '[fresh] %s\n' "$*"; }
die() {
	printf 'fresh-machine-check: %s\n' "$*" >&2
	exit 3
}

parse_arguments() {
	while [ $# -gt 0 ]; do
		case "$1" in
		--root) ROOT=${2:?--root needs a folder} && shift ;;
		--keep) KEEP=true ;;
		--repo) REPO=${2:?--repo needs a path} && shift ;;
		--branch) BRANCH=${2:?--branch needs a name} && shift ;;
		*)
			echo "usage: bash scripts/fresh-machine-check.sh [--root DIR] [--keep] [--repo PATH] [--branch NAME]" >&2
			exit 2
			;;
		esac
		shift
	done
	ROOT=$(realpath -m "$ROOT")
	[ -n "$BRANCH" ] || BRANCH=$(git -C "$REPO" rev-parse --abbrev-ref HEAD)
	[ "$ROOT" != / ] || die "--root / would debootstrap over this machine"
}

require_program() {
	local package
	command -v "$1" >/dev/null && return
	package=$(awk -F'\t' -v program="$1" '$1 == program { print $2 }' "$PROGRAMS_FILE")
	die "$1 is not installed: install it with \`apt-get install $package\`"
}

check_host() {
	[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mount, chroot)"
	require_program debootstrap
	require_program git
	[ -e /dev/kvm ] || say "no /dev/kvm here: the VM tests run under TCG"
}

# The host's Debian mirror for bookworm (scripts/lib/debian-mirror.sh).
bookworm_mirror() {
	local mirror
	mirror=$(debian_mirror_entry bookworm)
	[ -n "$mirror" ] || die "no bookworm entry in /etc/apt/sources.list.d to take the mirror from"
	echo "$mirror"
}

# Mount points at or below ROOT, deepest first.
mounts_under_root() {
	awk -v root="$ROOT" '$5 == root || index($5, root "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

remove_root() {
	[ -z "$(mounts_under_root)" ] || die "something is still mounted under $ROOT; not removing it"
	rm -rf --one-file-system "$ROOT"
}

unmount_all() {
	local index point
	for ((index = ${#MOUNTED[@]} - 1; index >= 0; index--)); do
		point=${MOUNTED[index]}
		umount -R "$point" 2>/dev/null || umount -R -l "$point" 2>/dev/null || say "could not unmount $point"
	done
	MOUNTED=()
	for point in $(mounts_under_root); do  # what the suite mounted inside, e.g. tracefs
		umount "$point" 2>/dev/null || umount -l "$point" || say "could not unmount $point"
	done
}

# The test command and everything it started, TERM first and KILL after 10 s.
stop_test_command() {
	[ -n "$TEST_GROUP" ] || return 0
	kill -TERM -- "-$TEST_GROUP" 2>/dev/null || return 0
	for _ in $(seq 20); do
		kill -0 -- "-$TEST_GROUP" 2>/dev/null || return 0
		sleep 0.5
	done
	kill -KILL -- "-$TEST_GROUP" 2>/dev/null || true
}

finish() {
	local status=$?
	trap - EXIT INT TERM
	stop_test_command
	unmount_all
	if [ "$KEEP" = true ]; then
		say "kept $ROOT"
	elif [ -d "$ROOT" ]; then
		remove_root
		say "removed $ROOT"
	fi
	exit "$status"
}

make_root() {
	if [ "$KEEP" = true ] && [ -e "$ROOT/$FINISHED" ]; then
		say "reusing the Debian root in $ROOT"
		return
	fi
	[ ! -e "$ROOT" ] || remove_root
	local mirror started=$SECONDS
	mirror=$(bookworm_mirror)
	say "debootstrap --variant=minbase bookworm $ROOT $mirror"
	debootstrap --variant=minbase bookworm "$ROOT" "$mirror" >"$ROOT.debootstrap.log" 2>&1 ||
		die "debootstrap failed; see $ROOT.debootstrap.log"
	touch "$ROOT/$FINISHED"
	say "debootstrap took $((SECONDS - started)) s"
}

# The host's apt sources (and the keyrings they name), the settings of how its mirror is reached
# (Acquire::…: a snapshot mirror's Check-Valid-Until, which sid's Release file outlives) and
# resolver; no services start in the chroot.
configure_root() {
	local keyring
	grep -l '^[[:space:]]*Acquire::' /etc/apt/apt.conf.d/* 2>/dev/null | xargs -r cp -t "$ROOT/etc/apt/apt.conf.d/"
	rm -f "$ROOT/etc/apt/sources.list"
	find /etc/apt/sources.list.d -maxdepth 1 \( -name '*.sources' -o -name '*.list' \) -exec cp {} "$ROOT/etc/apt/sources.list.d/" \;
	[ ! -e /etc/apt/sources.list ] || cp /etc/apt/sources.list "$ROOT/etc/apt/"
	sed -n 's/^Signed-By:[[:space:]]*//p' "$ROOT"/etc/apt/sources.list.d/*.sources 2>/dev/null |
		while read -r keyring; do
			[ ! -e "$keyring" ] || [ -e "$ROOT$keyring" ] || install -D -m 644 "$keyring" "$ROOT$keyring"
		done
	cp --remove-destination /etc/resolv.conf "$ROOT/etc/resolv.conf"
	printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
	chmod 755 "$ROOT/usr/sbin/policy-rc.d"
}

clone_checkout() {
	rm -rf --one-file-system "${ROOT:?}$CHECKOUT"
	git clone --quiet --no-local --branch "$BRANCH" --single-branch "$REPO" "$ROOT$CHECKOUT"
	say "cloned $REPO ($BRANCH, $(git -C "$ROOT$CHECKOUT" log -1 --format='%h %<(60,trunc)%s'))"
}

mount_at() {
	local point=$ROOT$1
	shift
	mkdir -p "$point"
	mount "$@" "$point"
	MOUNTED+=("$point")
}

# A bind of the host's mount at `path` when there is one, else a new `type` file system there.
bind_or_mount() {
	local path=$1 type=$2
	if mountpoint -q "$path"; then
		mount_at "$path" --bind "$path"
	else
		mount_at "$path" -t "$type" "$type"
	fi
}

# The root first, bound onto itself: on a machine / is a mount point, and a private mount namespace
# (fetch-kernel.sh's suite roots, the module build in them) needs it to be one. /dev is bound whole
# (devtmpfs: /dev/kvm, /dev/null, ...), its pts and shm mounts after it.
mount_host_file_systems() {
	mount_at "" --bind "$ROOT"
	mount_at /proc -t proc proc
	mount_at /sys --bind /sys
	mount_at /sys/fs/cgroup --rbind /sys/fs/cgroup
	mount --make-rslave "$ROOT/sys/fs/cgroup"
	bind_or_mount /sys/fs/bpf bpf
	bind_or_mount /sys/kernel/tracing tracefs
	bind_or_mount /sys/kernel/debug debugfs
	mount_at /dev --bind /dev
	mount_at /dev/pts --bind /dev/pts
	mount_at /dev/shm --bind /dev/shm
}

# In a process group of its own (exec setsid: this background subshell's pid), so that a signal
# to this script stops all of it.
run_test_command() {
	exec setsid chroot "$ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb CI=true KMEMHARNESS_REQUIRE_BPF=1 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		bash -c "cd $CHECKOUT && bash scripts/setup.sh test"
}

print_summary() {
	say "ctest summary (whole log: $ROOT.log):"
	sed -n '/% tests passed/,$p' "$ROOT.log"
}

main() {
	parse_arguments "$@"
	check_host
	trap finish EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	local started=$SECONDS status=0
	make_root
	configure_root
	clone_checkout
	mount_host_file_systems
	say "running \`bash scripts/setup.sh test\` in the chroot (log: $ROOT.log)"
	run_test_command >"$ROOT.log" 2>&1 &
	TEST_GROUP=$!
	wait "$TEST_GROUP" || status=$?
	TEST_GROUP=""
	print_summary
	say "exit $status after $((SECONDS - started)) s ($(date -u +%Y-%m-%dT%H:%MZ))"
	return "$status"
}

main "$@"
