// Loads the kmemharness workloads module for a run and unloads it afterwards, whatever happened.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "run/debugfs_mount.h"

namespace kmh {

inline constexpr const char *workloads_module_name = "kmemharness";
inline constexpr const char *workloads_debugfs_dir = "/sys/kernel/debug/kmemharness";

class LoadedModule {
public:
	// Mounts debugfs when needed and loads the module from `path`. Throws environment_error when
	// the kernel has no module support, the file is missing, or a copy is already loaded.
	explicit LoadedModule(const std::string &path);
	// Unloads the module, which frees everything it still holds.
	~LoadedModule();
	LoadedModule(const LoadedModule &) = delete;
	LoadedModule &operator=(const LoadedModule &) = delete;

	// The pids of the module's per-CPU worker threads, from its debugfs `workers` file.
	std::vector<int> worker_pids() const;

private:
	std::unique_ptr<DebugfsMount> debugfs_;  // unmounted, if we mounted it, after the module is gone
};

// Whether this kernel can load modules at all.
bool kernel_has_module_support();

}  // namespace kmh
