// Dropping caches and compacting between host runs; naming what stays behind.
#include "run/host_reset.h"

#include <unistd.h>

#include <filesystem>

#include "common/error.h"
#include "system/file_io.h"

namespace kmh {

namespace {

void write_proc(const std::string &path, const std::string &value)
{
	try {
		write_text_file(path, value);
	} catch (const std::exception &error) {
		throw environment_error("cannot reset the machine between runs: writing " + value + " to " + path +
					" failed (" + error.what() + "); ab on this kernel needs root");
	}
}

}  // namespace

std::vector<std::string> reset_host_memory()
{
	std::vector<std::string> done;
	::sync();
	write_proc("/proc/sys/vm/drop_caches", "3");
	done.push_back("page cache, dentries and inodes dropped (sync, vm.drop_caches=3)");
	if (std::filesystem::exists("/proc/sys/vm/compact_memory")) {
		write_proc("/proc/sys/vm/compact_memory", "1");
		done.push_back("memory compacted (vm.compact_memory=1)");
	}
	done.push_back("the run's sysctls restored (by the run itself)");
	return done;
}

std::vector<std::string> host_state_not_reset()
{
	return {"pageblock migratetypes (a block a fallback claimed keeps its type until it is free and merges)",
		"slab caches' partial and free slabs",
		"the kernel's own allocations and fragmentation since boot",
		"per-CPU page lists, CPU caches, TLBs, frequency and temperature"};
}

}  // namespace kmh
