// Finding the cgroup mounts in /proc/self/mounts and the limits of the calling process's cgroups.
#include "system/cgroup_mounts.h"

#include <algorithm>
#include <sstream>

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
	const std::string v1 = find_cgroup1_memory_mount(), v2 = find_cgroup2_mount();
	std::istringstream lines(read_text_file("/proc/self/cgroup").value_or(""));
	std::string line;
	while (std::getline(lines, line)) {
		std::size_t first = line.find(':'), second = line.find(':', first + 1);
		if (first == std::string::npos || second == std::string::npos)
			continue;
		std::string controllers = line.substr(first + 1, second - first - 1), path = line.substr(second + 1);
		if (lists_word(controllers, "memory", ',') && !v1.empty())
			limit = lower(limit, limit_in(v1 + path + "/memory.limit_in_bytes"));
		if (controllers.empty() && !v2.empty())
			limit = lower(limit, limit_in(v2 + path + "/memory.max"));
	}
	return limit;
}

}  // namespace kmh
