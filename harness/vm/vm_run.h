// A scenario run inside a QEMU guest booting another kernel: the one entry point for the CLI.
#pragma once

#include <cstdint>
#include <string>

#include "common/progress.h"
#include "report/run_result.h"
#include "scenario/scenario.h"

namespace kmh {

struct VmRunOptions {
	std::string kernel_image;              // bzImage to boot
	std::string kernel_headers;            // "" = /usr/src/linux-headers-<release of the image>
	std::string accel = "auto";            // auto (KVM when a probe boot reaches /init, else TCG), kvm, tcg
	std::int64_t memory_bytes = default_guest_memory_bytes;
	int cpus = 2;
	std::string cmdline;                   // extra kernel command line
	std::int64_t boot_timeout_ns = 120'000'000'000LL;
	std::int64_t swap_bytes = 0;           // > 0: zram swap of this size in the guest
	std::int64_t disk_bytes = default_guest_disk_bytes;  // the guest's scratch disk, a sparse ext4 image
	std::string scenario_path;             // the scenario file, copied into the guest
	std::string output_dir;                // receives result.json, junit.xml and console.log
	std::string harness_binary = "/proc/self/exe";  // the kmemharness run in the guest
	std::string module_source_dir;         // kmod_workloads/; "" = default_module_source_dir()
	std::string cache_dir;                 // module builds, initramfs; "" = default_cache_dir()
};

// The options a scenario's [target] table sets (kernel, headers, memory, cpus, cmdline, accel,
// boot timeout, swap, disk) plus its path and the output folder; the CLI then overrides what it was given.
VmRunOptions vm_run_options(const Scenario &scenario, const std::string &output_dir);

// $KMH_CACHE_DIR, else $XDG_CACHE_HOME/kmemharness, else ~/.cache/kmemharness.
std::string default_cache_dir();

// kmod_workloads/ in the source tree of a binary built in <tree>/<build folder>/kmemharness.
std::string default_module_source_dir(const std::string &harness_binary);

// Builds the module for the image's kernel (when a workload needs it), makes the scratch disk,
// packs an initramfs, boots it and returns the guest's result with target "vm" and `vm` filled
// in. Never throws kmh::Error: failures end up in the result's status, exit_code (5 when the
// guest kernel crashed, hung or never booted) and errors.
RunResult run_in_vm(const Scenario &scenario, const VmRunOptions &options, Progress &progress);

}  // namespace kmh
