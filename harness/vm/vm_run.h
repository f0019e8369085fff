// Scenarios run inside a QEMU guest booting another kernel: the one entry point for the CLI.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/progress.h"
#include "report/run_result.h"
#include "scenario/scenario.h"

namespace kmh {

// How the guest is booted: the same for every scenario it runs.
struct VmRunOptions {
	std::string kernel_image;              // bzImage to boot
	std::string kernel_headers;            // "" = /usr/src/linux-headers-<release of the image>
	std::string accel = "auto";            // auto (KVM when a probe boot reaches /init, else TCG), kvm, tcg
	std::int64_t memory_bytes = default_guest_memory_bytes;
	int cpus = 2;
	std::string cmdline;                   // extra kernel command line
	std::vector<std::string> sysctl_options;  // run --sysctl texts, passed on to each scenario's run in the guest
	std::int64_t boot_timeout_ns = 120'000'000'000LL;
	std::int64_t disk_bytes = default_guest_disk_bytes;  // the guest's scratch disk, a sparse ext4 image
	int numa_nodes = 1;                    // > 1: memory and CPUs split over that many NUMA nodes
	std::string harness_binary = "/proc/self/exe";  // the kmemharness run in the guest
	std::string module_source_dir;         // kmod_workloads/; "" = default_module_source_dir()
	std::string cache_dir;                 // module builds, initramfs; "" = default_cache_dir()
};

// One scenario for the guest and the host folder that receives its result.json, junit.xml and
// console.log. Its [target] swap is set up in the guest while it runs.
struct VmScenario {
	const Scenario *scenario = nullptr;
	std::string output_dir;
};

// The options a scenario's [target] table sets (kernel, headers, memory, cpus, cmdline, accel,
// boot timeout, disk, NUMA nodes); the CLI then overrides what it was given.
VmRunOptions vm_run_options(const Scenario &scenario);

// $KMH_CACHE_DIR, else $XDG_CACHE_HOME/kmemharness, else ~/.cache/kmemharness.
std::string default_cache_dir();

// kmod_workloads/ in the source tree of a binary built in <tree>/<build folder>/kmemharness.
std::string default_module_source_dir(const std::string &harness_binary);

// Runs the scenarios in order in one guest: the module built for the image's kernel when one of
// them has kmod workloads, one scratch disk, one initramfs, one boot. A scenario that crashes or hangs the guest
// gets exit 5 with the console lines that show it, and the rest continue in a fresh boot; a guest
// that never boots fails every scenario it did not reach. One result per scenario, in order, with
// target "vm" and `vm` filled in. Never throws kmh::Error: failures end up in each result's status,
// exit_code and errors.
std::vector<RunResult> run_in_vm(const std::vector<VmScenario> &scenarios, const VmRunOptions &options,
				 Progress &progress);

// One scenario in its own guest.
RunResult run_in_vm(const Scenario &scenario, const std::string &output_dir, const VmRunOptions &options,
		    Progress &progress);

}  // namespace kmh
