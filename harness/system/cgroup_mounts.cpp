// Finding the cgroup mounts in /proc/self/mounts and the limits of the calling process's cgroups.
#include "system/cgroup_mounts.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include "system/file_io.h"

namespace kmh {

namespace {

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

std::string find_cgroup2_mount()
{
	std::istringstream mounts(read_text_file("/proc/self/mounts").value_or(""));
	std::string device, mountpoint, type, rest;
	while (mounts >> device >> mountpoint >> type && std::getline(mounts, rest))
		if (type == "cgroup2")
			return mountpoint;
	return "";
}

std::string find_cgroup1_memory_mount()
{
	std::istringstream mounts(read_text_file("/proc/self/mounts").value_or(""));
	std::string device, mountpoint, type, options, rest;
	while (mounts >> device >> mountpoint >> type >> options && std::getline(mounts, rest))
		if (type == "cgroup" && lists_word(options, "memory", ','))
			return mountpoint;
	return "";
}

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

}  // namespace kmh
