// Parser of /proc/slabinfo (version 2.1): objects and pages per slab cache.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

// "slabinfo.active_objs", "slabinfo.num_objs" and "slabinfo.pages" (num_slabs x pagesperslab),
// each labelled {cache}, for every cache row. Only the version 2.1 layout is accepted. Throws
// kmh::Error (run_failed) naming `source` and the line for malformed text or another version.
std::vector<Metric> parse_slabinfo(const std::string &text, const std::string &source = "/proc/slabinfo");

}  // namespace kmh
