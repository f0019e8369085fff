// Reading Hugepagesize, HugePages_Total and HugePages_Free out of /proc/meminfo.
#include "workloads/hugepage_pool.h"

#include "system/meminfo.h"

namespace kmh {

namespace {

std::optional<HugepagePool> hugepage_pool_of(const std::vector<MeminfoField> &fields)
{
	auto bytes = meminfo_value(fields, "Hugepagesize");
	auto total = meminfo_value(fields, "HugePages_Total");
	auto free = meminfo_value(fields, "HugePages_Free");
	if (!bytes || !total || !free || *bytes <= 0)
		return std::nullopt;
	return HugepagePool{static_cast<std::size_t>(*bytes), static_cast<long>(*total), static_cast<long>(*free)};
}

}  // namespace

std::optional<HugepagePool> parse_hugepage_pool(const std::string &meminfo)
{
	return hugepage_pool_of(parse_meminfo_fields(meminfo));
}

std::optional<HugepagePool> read_hugepage_pool()
{
	return hugepage_pool_of(read_meminfo());
}

}  // namespace kmh
