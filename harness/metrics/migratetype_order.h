// The order reports show migratetypes in: the kernel's (UNMOVABLE, MOVABLE, RECLAIMABLE, HIGHATOMIC, CMA, ISOLATE), then any other name.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace kmh {

// The names given, the kernel's migratetypes first in the kernel's order, the others after them sorted.
std::vector<std::string> in_migratetype_order(std::set<std::string> names);

}  // namespace kmh
