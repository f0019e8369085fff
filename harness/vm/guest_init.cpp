// The guest's /init: mount the kernel file systems, run the harness, send its output to the host.
#include "vm/guest_init.h"

namespace kmh {

const std::string &guest_init_script()
{
	static const std::string script = R"SH(#!/bin/busybox sh
# /init of a kmemharness VM run: prepares the guest, runs the scenario, sends the results home.
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

# Swap on zram when the scenario's [target] swap asks for it. A failure is reported here, and the
# harness then names it: its [requires] features = ["swap"] finds no active swap.
if [ "$KMH_SWAP_BYTES" -gt 0 ]; then
	for module in $KMH_SWAP_MODULES; do
		insmod "$module" || echo "kmemharness-guest: insmod $module failed"
	done
	{ echo "$KMH_SWAP_BYTES" > /sys/block/zram0/disksize && mkswap /dev/zram0 > /dev/null && swapon /dev/zram0; } ||
		echo "kmemharness-guest: zram swap of $KMH_SWAP_BYTES bytes could not be set up"
fi

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

# Run here, not in another VM; load the module built for this kernel if a workload needs it.
harness_flags="--in-guest"
[ -n "$KMH_MODULE" ] && harness_flags="$harness_flags --module $KMH_MODULE"
CI=1 NO_COLOR=1 /bin/kmemharness run $harness_flags --output /out "$KMH_SCENARIO"
exit_code=$?
echo "kmemharness-guest: harness exited $exit_code, sending /out"  # guest_harness_exited_prefix

# The results travel on the console between framing lines. Only emergency kernel messages may
# interrupt them now, so no printk line splits a base64 line. (A second serial port hung under
# PREEMPT_RT: its force-threaded 8250 interrupt was disabled as spurious mid-transfer.)
echo 1 > /proc/sys/kernel/printk
echo "kmemharness-exit-code $exit_code"
echo "kmemharness-output-begin"
tar -C /out -cf - . | gzip -1 | base64
echo "kmemharness-output-end"
poweroff -f
)SH";
	return script;
}

}  // namespace kmh
