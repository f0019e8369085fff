// The default-size huge page pool as /proc/meminfo reports it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace kmh {

struct HugepagePool {
	std::size_t page_bytes = 0;  // Hugepagesize
	long total = 0;              // HugePages_Total
	long free = 0;               // HugePages_Free
};

// From the text of /proc/meminfo; nullopt when a field is missing (a kernel without hugetlb).
std::optional<HugepagePool> parse_hugepage_pool(const std::string &meminfo);

// Reads /proc/meminfo.
std::optional<HugepagePool> read_hugepage_pool();

}  // namespace kmh
