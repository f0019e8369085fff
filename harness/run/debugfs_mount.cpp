// Finding or mounting debugfs at /sys/kernel/debug.
#include "run/debugfs_mount.h"

#include <sys/mount.h>

#include <sstream>
#include <string>

#include "system/errno_error.h"
#include "system/file_io.h"

namespace kmh {

bool debugfs_mounted()
{
	std::istringstream mounts(read_text_file("/proc/self/mounts").value_or(""));
	std::string device, mountpoint, type, rest;
	while (mounts >> device >> mountpoint >> type && std::getline(mounts, rest))
		if (type == "debugfs" && mountpoint == debugfs_path)
			return true;
	return false;
}

DebugfsMount::DebugfsMount()
{
	if (debugfs_mounted())
		return;
	if (mount("debugfs", debugfs_path, "debugfs", 0, nullptr) != 0)
		throw errno_error(ExitCode::environment, std::string("cannot mount debugfs at ") + debugfs_path +
							 " (a kernel built with CONFIG_DEBUG_FS, and root, are needed)");
	mounted_by_us_ = true;
}

DebugfsMount::~DebugfsMount()
{
	if (mounted_by_us_)
		umount2(debugfs_path, MNT_DETACH);
}

}  // namespace kmh
