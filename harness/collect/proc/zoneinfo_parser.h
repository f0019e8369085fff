// Parser of /proc/zoneinfo's per-CPU page lists (the "pagesets" of each zone).
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

// Per zone and online CPU, {node, zone, cpu}: "zoneinfo.pcp.count" (pages on the CPU's lists),
// "zoneinfo.pcp.high", "zoneinfo.pcp.batch", and "zoneinfo.pcp.high_max", the most pages the
// lists may hold: the file's high_max on kernels that auto-tune high between high_min and
// high_max (Linux 6.7 on), else high (earlier kernels print no high_max: their high is fixed).
// Zones without memory print no pagesets and give no series. Throws kmh::Error (run_failed)
// naming `source` and the line for malformed text.
std::vector<Metric> parse_zoneinfo(const std::string &text, const std::string &source = "/proc/zoneinfo");

}  // namespace kmh
