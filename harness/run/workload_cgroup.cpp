// Creating, joining and removing the workload cgroup.
#include "run/workload_cgroup.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <sstream>
#include <thread>

#include "common/error.h"
#include "run/memory_cgroup.h"
#include "system/cgroup_mounts.h"
#include "system/dead_owner.h"
#include "system/errno_error.h"
#include "system/file_io.h"

namespace kmh {

namespace {

const char *const cgroup_prefix = "kmemharness.";

// The id bpf_get_current_cgroup_id() returns is the cgroup directory's kernfs node id,
// which name_to_handle_at() hands out as the file handle.
std::uint64_t cgroup_id_of(const std::string &path)
{
	struct {
		struct file_handle handle;
		std::uint64_t id;
	} fh{};
	fh.handle.handle_bytes = sizeof(std::uint64_t);
	int mount_id;
	if (name_to_handle_at(AT_FDCWD, path.c_str(), &fh.handle, &mount_id, 0) != 0)
		throw errno_error(ExitCode::environment, "cannot read the cgroup id of " + path);
	std::uint64_t id;
	std::memcpy(&id, fh.handle.f_handle, sizeof(id));
	return id;
}

void kill_members(const std::string &path)
{
	std::istringstream pids(read_text_file(path + "/cgroup.procs").value_or(""));
	pid_t pid;
	while (pids >> pid)
		kill(pid, SIGKILL);
}

}  // namespace

bool remove_cgroup(const std::string &path)
{
	for (int attempt = 0; attempt < 100; ++attempt) {
		if (rmdir(path.c_str()) == 0 || errno == ENOENT)
			return true;
		kill_members(path);
		std::this_thread::sleep_for(std::chrono::milliseconds(20));
	}
	return false;
}

std::string own_cgroup_name()
{
	return cgroup_prefix + std::to_string(getpid());
}

void remove_stale_cgroups(const std::string &mount)
{
	DIR *dir = opendir(mount.c_str());
	if (!dir)
		return;
	while (dirent *entry = readdir(dir)) {
		std::string name = entry->d_name;
		if (owned_by_dead_process(name, cgroup_prefix))
			remove_cgroup(mount + "/" + name);
	}
	closedir(dir);
}

WorkloadCgroup::WorkloadCgroup()
{
	std::string mount = find_cgroup2_mount();
	if (mount.empty())
		throw environment_error("no cgroup2 hierarchy is mounted: workload attribution needs one "
					"(mount -t cgroup2 none /sys/fs/cgroup/unified)");
	remove_stale_cgroups(mount);
	std::optional<MemoryController> memory = find_memory_controller();
	if (memory && memory->mechanism == MemcgMechanism::cgroup1)
		remove_stale_cgroups(memory->mount);  // a killed [cgroup] run's, whatever this run asks for
	path_ = mount + "/" + own_cgroup_name();
	if (mkdir(path_.c_str(), 0755) != 0 && errno != EEXIST)
		throw errno_error(ExitCode::environment, "cannot create cgroup " + path_);
	id_ = cgroup_id_of(path_);
}

WorkloadCgroup::~WorkloadCgroup()
{
	memory_.reset();
	remove_cgroup(path_);
}

void WorkloadCgroup::join_self() const
{
	write_text_file(path_ + "/cgroup.procs", "0");
	if (memory_)
		memory_->join_self();
}

MemoryLimitInfo WorkloadCgroup::limit_memory(const CgroupSpec &spec)
{
	memory_ = std::make_unique<MemoryCgroup>(spec, path_);
	return memory_->info();
}

std::uint64_t WorkloadCgroup::oom_kills() const
{
	return memory_ ? memory_->oom_kills() : parse_oom_kill_count(read_text_file("/proc/vmstat").value_or(""));
}

}  // namespace kmh
