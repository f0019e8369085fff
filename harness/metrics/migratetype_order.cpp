// enum migratetype's order, as the labels name it.
#include "metrics/migratetype_order.h"

namespace kmh {

std::vector<std::string> in_migratetype_order(std::set<std::string> names)
{
	static const std::vector<std::string> kernel_order = {"UNMOVABLE", "MOVABLE", "RECLAIMABLE", "HIGHATOMIC", "CMA", "ISOLATE"};
	std::vector<std::string> ordered;
	for (const std::string &known : kernel_order)
		if (names.erase(known))
			ordered.push_back(known);
	ordered.insert(ordered.end(), names.begin(), names.end());
	return ordered;
}

}  // namespace kmh
