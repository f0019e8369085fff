// Reading Hugepagesize, HugePages_Total and HugePages_Free out of /proc/meminfo.
#include "workloads/hugepage_pool.h"

#include <fstream>
#include <sstream>

namespace kmh {

namespace {

// The number after "<field>:" on its line, or nullopt.
std::optional<long> field_value(const std::string &meminfo, const std::string &field)
{
	std::istringstream lines(meminfo);
	std::string line;
	while (std::getline(lines, line)) {
		if (line.rfind(field + ":", 0) != 0)
			continue;
		std::istringstream value(line.substr(field.size() + 1));
		long number;
		if (value >> number)
			return number;
	}
	return std::nullopt;
}

}  // namespace

std::optional<HugepagePool> parse_hugepage_pool(const std::string &meminfo)
{
	auto kib = field_value(meminfo, "Hugepagesize");
	auto total = field_value(meminfo, "HugePages_Total");
	auto free = field_value(meminfo, "HugePages_Free");
	if (!kib || !total || !free || *kib <= 0)
		return std::nullopt;
	return HugepagePool{static_cast<std::size_t>(*kib) * 1024, *total, *free};
}

std::optional<HugepagePool> read_hugepage_pool()
{
	std::ifstream file("/proc/meminfo");
	std::stringstream text;
	text << file.rdbuf();
	return parse_hugepage_pool(text.str());
}

}  // namespace kmh
