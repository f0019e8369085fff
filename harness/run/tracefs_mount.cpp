// Finding or mounting tracefs.
#include "run/tracefs_mount.h"

#include <sys/mount.h>

#include <sstream>

#include "system/file_io.h"

namespace kmh {

namespace {

const char *const default_tracefs = "/sys/kernel/tracing";

}  // namespace

std::string find_tracefs()
{
	std::istringstream mounts(read_text_file("/proc/self/mounts").value_or(""));
	std::string device, mountpoint, type, rest;
	while (mounts >> device >> mountpoint >> type && std::getline(mounts, rest))
		if (type == "tracefs")
			return mountpoint;
	return "";
}

TracefsMount::TracefsMount()
{
	std::string where = find_tracefs();
	if (where.empty() && mount("nodev", default_tracefs, "tracefs", 0, nullptr) == 0) {
		where = default_tracefs;
		mounted_by_us_ = true;
	}
	if (!where.empty())
		events_dir_ = where + "/events";
}

TracefsMount::~TracefsMount()
{
	if (mounted_by_us_)
		umount2(default_tracefs, MNT_DETACH);
}

}  // namespace kmh
