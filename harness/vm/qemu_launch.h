// Booting a kernel in QEMU: the command line, the console followed live, boot and run deadlines.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kmh {

struct QemuConfig {
	std::string accel;  // "kvm" or "tcg"
	std::int64_t memory_bytes = 0;
	int cpus = 1;
	std::string kernel_image;   // a bzImage, or an ELF vmlinux with a PVH entry
	std::string firmware;       // -bios image; "" = QEMU's default (SeaBIOS)
	std::string initrd;
	std::string extra_cmdline;  // appended to kernel_cmdline()'s fixed part
	std::string console_log;    // the serial port (ttyS0): the guest's console, results included
	std::string qemu_log;       // QEMU's own stdout and stderr
	std::string disk_image;     // a raw image attached as the guest's virtio-blk disk; "" = none
	int numa_nodes = 1;         // > 1: memory and CPUs split evenly over that many NUMA nodes
};

// "console=ttyS0 panic=-1 oops=panic printk.time=1 ..." plus the extra arguments: a crash powers
// the guest off at once (with -no-reboot) and every kernel message carries its time stamp.
// noirqdebug: a PREEMPT_RT guest's force-threaded 8250 interrupt otherwise trips the spurious-IRQ
// check under the results' burst of console output and is disabled, and the transfer stalls.
// no_timer_check: under TCG on a loaded host the IO-APIC timer check times out and the kernel
// panics ("IO-APIC + timer doesn't work!"), seen once in ten boots here.
std::string kernel_cmdline(const std::string &extra);

// QEMU's -accel value. TCG runs every vCPU in one host thread (thread=single). With a thread per
// vCPU (QEMU's default), Debian's 6.12 died once in about 130 boots here with "Oops: int3" in
// sched_clock_cpu right after "sched_clock: Marking stable": the int3 of a static-key patch
// (text_poke_bp) executed on one vCPU after another had finished the patch. Cross-modifying code
// under multi-threaded TCG is the emulator's weak spot, and a fault of the emulator must not read as
// the kernel's exit 5; one thread serialises the vCPUs and their view of patched code.
std::string accel_argument(const std::string &accel);

// The NUMA nodes of a guest: one RAM backend and one -numa node per node. Memory is split evenly
// (the last node takes what does not divide), CPUs in consecutive blocks, node i getting CPUs
// [i * cpus / nodes, (i + 1) * cpus / nodes); a node whose block is empty has memory only.
std::vector<std::string> numa_arguments(std::int64_t memory_mib, int cpus, int nodes);

// The full argv, starting with `qemu_binary`. The disk is written through the host's page cache
// without flushes (cache=unsafe): it is scratch space, thrown away with the run.
std::vector<std::string> qemu_command(const QemuConfig &config, const std::string &qemu_binary);

enum class GuestEnd {
	exited,        // QEMU exited by itself: the guest powered off, or rebooted after a panic
	boot_timeout,  // no kernel message or no init marker before its deadline; QEMU was killed
	run_timeout,   // the guest did not finish before the run deadline; QEMU was killed
	interrupted,   // a signal (SIGINT, SIGTERM, SIGHUP) asked the harness to stop; QEMU was killed
};

struct GuestDeadlines {
	double kernel_seconds = 0;  // from QEMU's start to the kernel's first message
	double boot_seconds = 0;    // from QEMU's start to the init marker
	double run_seconds = 0;     // from QEMU's start to its exit
};

struct GuestRun {
	GuestEnd end = GuestEnd::exited;
	int qemu_exit_status = -1;
	bool kernel_started = false;  // a kernel message appeared on the console
	bool booted = false;          // the init marker appeared
	double boot_seconds = 0;   // QEMU start to the init marker, when booted
	double setup_seconds = 0;  // QEMU start to the guest's set-up marker, when seen
	double harness_exited_seconds = 0;  // QEMU start to the guest harness's exit line, when seen
	double output_sent_seconds = 0;     // QEMU start to the results' end line, when seen
	double total_seconds = 0;  // QEMU start to its exit or kill
	double last_output_seconds = 0;  // QEMU start to the last time the console grew (part of a line counts)
	std::vector<std::string> console;  // every console line, carriage returns removed
	std::vector<double> line_seconds;  // when each console line arrived, from QEMU's start
};

// One console line as it arrives: whether the init marker has been seen, seconds since QEMU started.
using ConsoleListener = std::function<void(const std::string &line, bool booted, double seconds)>;

// Starts QEMU, follows the console file as it grows (each complete line goes to `listener`)
// until QEMU exits, or a deadline passes or a signal the InterruptWatch caught is pending, when it
// is killed. QEMU dies with the harness even when the harness is SIGKILLed (tied_child.h).
// The listener may move `deadlines.run_seconds` as the guest reaches its steps (a scenario
// began: its own timeout from now). Throws environment_error when QEMU cannot be started.
GuestRun run_guest(const QemuConfig &config, GuestDeadlines &deadlines, const ConsoleListener &listener);

}  // namespace kmh
