// Parser of /proc/meminfo: every field, kB values in bytes.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

// "meminfo.<Field>" with no labels for every "<Field>: <value> [kB]" line: kB values times 1024,
// unitless values (HugePages_Total) as they are. A parenthesised part of a field name becomes an
// underscore suffix so the name stays one dotted word: "Active(anon)" -> "meminfo.Active_anon".
// Throws kmh::Error (run_failed) naming `source` and the line for malformed text.
std::vector<Metric> parse_meminfo(const std::string &text, const std::string &source = "/proc/meminfo");

}  // namespace kmh
