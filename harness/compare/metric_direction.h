// Which direction of change counts as worse for each metric family.
#pragma once

#include <string>

namespace kmh {

enum class WorseDirection { higher, lower, unknown };

// From the table in metric_direction.cpp; names not in it are unknown ("changed", not better/worse).
WorseDirection worse_direction(const std::string &metric_name);

}  // namespace kmh
