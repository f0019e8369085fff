// The guest's /init: mount the kernel file systems, run each scenario in turn, send each one's output home.
#include "vm/guest_init.h"

namespace kmh {

const std::string &guest_init_script()
{
	static const std::string script = R"SH(#!/bin/busybox sh
# /init of a kmemharness VM run: prepares the guest, runs its scenarios in turn, sends each one's
# results home as soon as it is done, so a later crash loses nothing already measured.
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin:/usr/local/bin:/usr/local/sbin
. /etc/kmemharness/guest.env

mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mount -t tracefs tracefs /sys/kernel/tracing
mount -t cgroup2 cgroup2 /sys/fs/cgroup
ip link set lo up
mkdir -p /out /tmp
echo "kmemharness-guest: init ready"

# After a guest crash the host boots again with kmh.first=<the scenario after the one that crashed>.
first=$(sed -n 's/.*kmh\.first=\([0-9]*\).*/\1/p' /proc/cmdline)
first=${first:-0}

# The scratch disk (ext4 on virtio-blk, made on the host) where the workloads keep their files,
# so that they get real page cache rather than the initramfs's tmpfs. A failure is reported here;
# a workload that needs a disk-backed folder then names it.
if [ -n "$KMH_DISK" ]; then
	for module in $KMH_DISK_MODULES; do
		insmod "$module" || echo "kmemharness-guest: insmod $module failed"
	done
	tries=0
	while [ ! -b "$KMH_DISK" ] && [ "$tries" -lt 50 ]; do sleep 0.1; tries=$((tries + 1)); done
	mkdir -p "$KMH_DISK_MOUNT"
	mount -t ext4 -o noatime "$KMH_DISK" "$KMH_DISK_MOUNT" ||
		echo "kmemharness-guest: scratch disk $KMH_DISK could not be mounted on $KMH_DISK_MOUNT"
fi
echo "kmemharness-guest: set up"  # guest_setup_marker

# Swap on zram for a scenario whose [target] swap asks for it; gone again before the next one.
# A failure is reported here, and the harness then names it: [requires] features = ["swap"]
# finds no active swap.
swap_modules_loaded=0
swap_on() {
	if [ "$swap_modules_loaded" = 0 ]; then
		for module in $KMH_SWAP_MODULES; do
			insmod "$module" || echo "kmemharness-guest: insmod $module failed"
		done
		swap_modules_loaded=1
	fi
	{ echo "$1" > /sys/block/zram0/disksize && mkswap /dev/zram0 > /dev/null && swapon /dev/zram0; } ||
		echo "kmemharness-guest: zram swap of $1 bytes could not be set up"
}
swap_off() {
	swapoff /dev/zram0 2> /dev/null
	echo 1 > /sys/block/zram0/reset 2> /dev/null
}

# The results travel on the console between framing lines. Only emergency kernel messages may
# interrupt them, so no printk line splits a base64 line; the console level is restored after,
# so a crash in the next scenario is seen. (A second serial port hung under PREEMPT_RT: its
# force-threaded 8250 interrupt was disabled as spurious mid-transfer.)
send_output() {
	level=$(cut -f1 /proc/sys/kernel/printk)
	echo 1 > /proc/sys/kernel/printk
	echo "kmemharness-exit-code $2"
	echo "kmemharness-output-begin"
	tar -C "/out/$1" -cf - . | gzip -1 | base64
	echo "kmemharness-output-end"
	echo "$level" > /proc/sys/kernel/printk
	rm -rf "/out/$1"
}

# Run here, not in another VM; load the module built for this kernel if a workload needs it. Each
# scenario starts from clean state: the harness unloads the module, restores sysctls and removes
# its cgroups when it ends, and the page cache and slab caches are dropped before the next.
i=$first
while [ "$i" -lt "$KMH_SCENARIO_COUNT" ]; do
	eval scenario="\$KMH_SCENARIO_$i"
	eval swap_bytes="\$KMH_SWAP_BYTES_$i"
	echo "kmemharness-scenario-begin $i"
	sync
	echo 3 > /proc/sys/vm/drop_caches
	[ "$swap_bytes" -gt 0 ] && swap_on "$swap_bytes"
	harness_flags="--in-guest"
	[ -n "$KMH_MODULE" ] && harness_flags="$harness_flags --module $KMH_MODULE"
	for sysctl in $KMH_SYSCTLS; do harness_flags="$harness_flags --sysctl $sysctl"; done
	mkdir -p "/out/$i"
	CI=1 NO_COLOR=1 /bin/kmemharness run $harness_flags --output "/out/$i" "$scenario"
	exit_code=$?
	[ "$swap_bytes" -gt 0 ] && swap_off
	echo "kmemharness-guest: harness exited $exit_code, sending /out/$i"  # guest_harness_exited_prefix
	send_output "$i" "$exit_code"
	i=$((i + 1))
done
poweroff -f
)SH";
	return script;
}

}  // namespace kmh
