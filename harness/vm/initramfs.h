// The guest's initramfs: busybox, the harness and its libraries, commands, modules, the scenarios, /init.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kmh {

// One scenario the guest runs, in the order given.
struct StagedScenario {
	std::string file;             // the scenario file on the host
	std::int64_t swap_bytes = 0;  // > 0: /init swaps on a zram device of this size while it runs
};

struct InitramfsContents {
	std::string busybox;         // a busybox binary, e.g. /bin/busybox from busybox-static
	std::string harness_binary;  // the kmemharness binary to run in the guest
	std::string module;          // the .ko built for the guest's kernel; "" when no scenario loads it
	std::vector<StagedScenario> scenarios;
	std::vector<std::string> sysctl_options;  // --sysctl texts for every scenario's run (no spaces or quotes)
	std::vector<std::string> swap_modules;   // zram.ko and its dependencies, in load order
	bool disk = false;                       // /init mounts the scratch disk (vm/guest_disk.h)
	std::vector<std::string> disk_modules;   // virtio and ext4 modules the disk needs, in load order
	std::vector<std::string> command_files;  // required commands and their libraries, staged at these paths
};

// Where the module ("" without one) and scenario `index` land in the guest.
std::string guest_module_path(const InitramfsContents &contents);
std::string guest_scenario_path(const InitramfsContents &contents, std::size_t index);

// The text of /etc/kmemharness/guest.env (see guest_init.h) for these contents.
std::string guest_settings(const InitramfsContents &contents);

// Fills `staging_dir` (emptied first) and packs it with cpio (newc, uncompressed) into `archive`.
// Throws environment_error when a tool or file is missing, run_error when packing fails.
void build_initramfs(const InitramfsContents &contents, const std::string &staging_dir, const std::string &archive);

}  // namespace kmh
