// Finding the memory controller and putting the scenario's memory limit on the workload's processes.
#include "run/memory_cgroup.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>

#include "common/error.h"
#include "run/file_io.h"
#include "run/workload_cgroup.h"

namespace kmh {

namespace {

bool lists_word(const std::string &text, const std::string &word, char separator)
{
	std::istringstream items(text);
	std::string item;
	while (std::getline(items, item, separator)) {
		while (!item.empty() && (item.back() == '\n' || item.back() == ' '))
			item.pop_back();
		if (item == word)
			return true;
	}
	return false;
}

// The mount point of the cgroup v1 hierarchy that has the memory controller, or "".
std::string find_cgroup1_memory_mount()
{
	std::istringstream mounts(read_text_file("/proc/self/mounts").value_or(""));
	std::string device, mountpoint, type, options, rest;
	while (mounts >> device >> mountpoint >> type >> options && std::getline(mounts, rest))
		if (type == "cgroup" && lists_word(options, "memory", ','))
			return mountpoint;
	return "";
}

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

// memory.max's "max", and v1's page-counter maximum, mean no limit.
std::optional<std::int64_t> limit_in(const std::string &file)
{
	constexpr std::int64_t unlimited = 1LL << 60;
	std::optional<std::string> text = read_text_file(file);
	if (!text || text->rfind("max", 0) == 0)
		return std::nullopt;
	try {
		std::int64_t bytes = std::stoll(*text);
		return bytes < unlimited ? std::optional<std::int64_t>(bytes) : std::nullopt;
	} catch (const std::exception &) {
		return std::nullopt;
	}
}

std::optional<std::int64_t> lower(std::optional<std::int64_t> a, std::optional<std::int64_t> b)
{
	if (a && b)
		return std::min(*a, *b);
	return a ? a : b;
}

// A cgroup the calling process is in that can limit its memory, with the files that say how.
struct OwnMemoryCgroup {
	std::string mount;
	std::string path;  // as /proc/self/cgroup writes it: "/" or "/a/b"
	const char *limit_file;
	const char *usage_file;
};

// The process's v1 memory cgroup and its cgroup2 cgroup, those whose hierarchy is mounted.
std::vector<OwnMemoryCgroup> own_memory_cgroups()
{
	std::vector<OwnMemoryCgroup> cgroups;
	const std::string v1 = find_cgroup1_memory_mount(), v2 = find_cgroup2_mount();
	std::istringstream lines(read_text_file("/proc/self/cgroup").value_or(""));
	std::string line;
	while (std::getline(lines, line)) {
		std::size_t first = line.find(':'), second = line.find(':', first + 1);
		if (first == std::string::npos || second == std::string::npos)
			continue;
		std::string controllers = line.substr(first + 1, second - first - 1), path = line.substr(second + 1);
		if (lists_word(controllers, "memory", ',') && !v1.empty())
			cgroups.push_back({ v1, path, "memory.limit_in_bytes", "memory.usage_in_bytes" });
		if (controllers.empty() && !v2.empty())
			cgroups.push_back({ v2, path, "memory.max", "memory.current" });
	}
	return cgroups;
}

// The file's number, or nullopt when it is missing or not a number.
std::optional<std::int64_t> number_in(const std::string &file)
{
	try {
		return std::stoll(read_text_file(file).value_or(""));
	} catch (const std::exception &) {
		return std::nullopt;
	}
}

// The least room under the limits of the cgroup and each one above it.
std::optional<std::int64_t> room_up_to(const OwnMemoryCgroup &cgroup)
{
	std::optional<std::int64_t> room;
	for (std::string path = cgroup.path;; path = path.substr(0, path.rfind('/'))) {
		std::string dir = cgroup.mount + path + "/";
		if (std::optional<std::int64_t> limit = limit_in(dir + cgroup.limit_file))
			room = lower(room, std::max<std::int64_t>(0, *limit - number_in(dir + cgroup.usage_file).value_or(0)));
		if (path.empty() || path == "/")
			return room;
	}
}

}  // namespace

std::optional<std::int64_t> own_memory_limit()
{
	std::optional<std::int64_t> limit;
	for (const OwnMemoryCgroup &cgroup : own_memory_cgroups())
		limit = lower(limit, limit_in(cgroup.mount + cgroup.path + "/" + cgroup.limit_file));
	return limit;
}

std::optional<std::int64_t> own_memory_room()
{
	std::optional<std::int64_t> room;
	for (const OwnMemoryCgroup &cgroup : own_memory_cgroups())
		room = lower(room, room_up_to(cgroup));
	return room;
}

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
	remove_stale_cgroups(mount);
	owned_path_ = mount + "/" + own_cgroup_name();
	if (mkdir(owned_path_.c_str(), 0755) != 0 && errno != EEXIST)
		throw environment_error("cannot create the memory cgroup " + owned_path_ + ": " + std::strerror(errno));
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
