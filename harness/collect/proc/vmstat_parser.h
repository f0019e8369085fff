// Parser of /proc/vmstat: every counter.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

// "vmstat.<name>" with no labels for every "<name> <value>" line. Throws kmh::Error (run_failed)
// naming `source` and the line for malformed text.
std::vector<Metric> parse_vmstat(const std::string &text, const std::string &source = "/proc/vmstat");

}  // namespace kmh
