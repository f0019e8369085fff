// Finding the memory controller and putting the scenario's memory limit on the workload's processes.
#include "run/memory_cgroup.h"

#include <sys/stat.h>

#include <cerrno>
#include <sstream>

#include "common/error.h"
#include "run/workload_cgroup.h"
#include "system/cgroup_mounts.h"
#include "system/errno_error.h"
#include "system/file_io.h"

namespace kmh {

namespace {

void write_control(const std::string &file, const std::string &text)
{
	try {
		write_text_file(file, text);
	} catch (const Error &error) {
		throw environment_error("cannot set the [cgroup] memory limit: " + std::string(error.what()));
	}
}

void write_limit(const std::string &file, std::int64_t bytes)
{
	write_control(file, std::to_string(bytes));
}

bool file_exists(const std::string &path)
{
	struct stat info;
	return stat(path.c_str(), &info) == 0;
}

void require_swap_file(const std::string &file)
{
	if (!file_exists(file))
		throw environment_error("[cgroup] swap_max needs " + file +
					", which this kernel does not offer (swap accounting is off); leave swap_max out");
}

}  // namespace

std::optional<MemoryController> find_memory_controller()
{
	std::string cgroup2 = find_cgroup2_mount();
	if (!cgroup2.empty() && lists_word(read_text_file(cgroup2 + "/cgroup.controllers").value_or(""), "memory", ' '))
		return MemoryController{MemcgMechanism::cgroup2, cgroup2};
	std::string cgroup1 = find_cgroup1_memory_mount();
	if (!cgroup1.empty())
		return MemoryController{MemcgMechanism::cgroup1, cgroup1};
	return std::nullopt;
}

std::uint64_t parse_oom_kill_count(const std::string &file_text)
{
	std::istringstream lines(file_text);
	std::string key;
	std::uint64_t value;
	while (lines >> key >> value)
		if (key == "oom_kill")
			return value;
	return 0;
}

MemoryCgroup::MemoryCgroup(const CgroupSpec &spec, const std::string &workload_cgroup)
{
	std::optional<MemoryController> controller = find_memory_controller();
	if (!controller)
		throw environment_error("[cgroup] memory_max needs the memory controller: the cgroup2 hierarchy's "
					"cgroup.controllers does not list memory and no cgroup v1 memory hierarchy is "
					"mounted (e.g. mount -t cgroup -o memory none /sys/fs/cgroup/memory)");
	info_.memory_max = *spec.memory_max;
	info_.swap_max = spec.swap_max;
	if (controller->mechanism == MemcgMechanism::cgroup2)
		limit_cgroup2(spec, workload_cgroup);
	else
		limit_cgroup1(spec, controller->mount);
}

MemoryCgroup::~MemoryCgroup()
{
	if (!owned_path_.empty())
		remove_cgroup(owned_path_);
}

// The parent must hand the controller down before the child has memory.max; +memory is left
// enabled afterwards, since other cgroups (another run's) may be using it by then.
void MemoryCgroup::limit_cgroup2(const CgroupSpec &spec, const std::string &workload_cgroup)
{
	std::string parent = workload_cgroup.substr(0, workload_cgroup.rfind('/'));
	if (!lists_word(read_text_file(parent + "/cgroup.subtree_control").value_or(""), "memory", ' '))
		write_control(parent + "/cgroup.subtree_control", "+memory");
	info_.mechanism = "cgroup2";
	info_.path = workload_cgroup;
	write_limit(workload_cgroup + "/memory.max", *spec.memory_max);
	if (spec.swap_max) {
		require_swap_file(workload_cgroup + "/memory.swap.max");
		write_limit(workload_cgroup + "/memory.swap.max", *spec.swap_max);
	}
}

void MemoryCgroup::limit_cgroup1(const CgroupSpec &spec, const std::string &mount)
{
	owned_path_ = mount + "/" + own_cgroup_name();
	if (mkdir(owned_path_.c_str(), 0755) != 0 && errno != EEXIST)
		throw errno_error(ExitCode::environment, "cannot create the memory cgroup " + owned_path_);
	info_.mechanism = "cgroup1";
	info_.path = owned_path_;
	write_limit(owned_path_ + "/memory.limit_in_bytes", *spec.memory_max);
	if (spec.swap_max) {
		// memsw is memory and swap together, and may not be set below limit_in_bytes.
		require_swap_file(owned_path_ + "/memory.memsw.limit_in_bytes");
		write_limit(owned_path_ + "/memory.memsw.limit_in_bytes", *spec.memory_max + *spec.swap_max);
	}
}

void MemoryCgroup::join_self() const
{
	if (!owned_path_.empty())
		write_text_file(owned_path_ + "/cgroup.procs", "0");
}

std::uint64_t MemoryCgroup::oom_kills() const
{
	const char *file = info_.mechanism == "cgroup2" ? "/memory.events" : "/memory.oom_control";
	return parse_oom_kill_count(read_text_file(info_.path + file).value_or(""));
}

}  // namespace kmh
