// Makes sure debugfs is mounted at /sys/kernel/debug for a run, and unmounts it if we mounted it.
#pragma once

namespace kmh {

inline constexpr const char *debugfs_path = "/sys/kernel/debug";

class DebugfsMount {
public:
	// Mounts debugfs at /sys/kernel/debug unless one is mounted there. Throws environment_error
	// when the mount fails (a kernel without CONFIG_DEBUG_FS, or not root).
	DebugfsMount();
	~DebugfsMount();
	DebugfsMount(const DebugfsMount &) = delete;
	DebugfsMount &operator=(const DebugfsMount &) = delete;

private:
	bool mounted_by_us_ = false;
};

// Whether /proc/self/mounts lists a debugfs at /sys/kernel/debug.
bool debugfs_mounted();

}  // namespace kmh
