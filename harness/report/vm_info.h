// What a VM run adds to its result: the kernel booted, how QEMU ran it and where its console went.
#pragma once

#include <cstdint>
#include <string>

namespace kmh {

struct VmInfo {
	std::string kernel_image;    // the bzImage booted
	std::string kernel_release;  // read from the bzImage header, e.g. "6.1.0-56-amd64"
	std::string accel;           // "kvm" or "tcg": the accelerator the guest ran under
	double boot_seconds = 0;     // QEMU start until the guest's init marker
	double setup_seconds = 0;    // init marker until the guest's set-up marker (scratch disk ready)
	double scenario_seconds = 0; // the scenario's begin line until the guest's harness exited (module load included)
	double send_seconds = 0;     // harness exit until the results' last line arrived on the console
	double poweroff_seconds = 0; // the results' last line until QEMU exited
	double total_seconds = 0;    // QEMU start until QEMU exited or was killed
	std::string console_log;     // the guest's serial console, kept on the host
	std::string boot = "bzimage";  // "pvh": the decompressed vmlinux booted directly, with qboot
	std::int64_t memory_bytes = 0; // the guest's memory, as QEMU's -m gave it
	int cpus = 0;                  // the guest's CPUs, as QEMU's -smp gave them
	std::string host;              // the machine that ran QEMU (uname -n): the guest's own name says nothing
};

}  // namespace kmh
