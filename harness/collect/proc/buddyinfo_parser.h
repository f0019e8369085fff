// Parser of /proc/buddyinfo: free blocks of each order per zone.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

// "buddyinfo.free" {node, zone, order}: one series per count of each "Node <n>, zone <zone>" row,
// the n-th count being order n. Throws kmh::Error (run_failed) naming `source` and the line for
// malformed text.
std::vector<Metric> parse_buddyinfo(const std::string &text, const std::string &source = "/proc/buddyinfo");

}  // namespace kmh
