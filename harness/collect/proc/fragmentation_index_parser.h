// Parser of debugfs extfrag/extfrag_index and extfrag/unusable_index: a fraction per zone and order.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

// "extfrag_index" {node, zone, order}: the kernel's fragmentation index of each "Node <n>, zone
// <zone>" row, the n-th value being order n, as the printed fraction (0.000 to 1.000; -1.000 where
// a free block of that order exists, so the index does not apply). Throws kmh::Error (run_failed)
// naming `source` and the line for malformed text.
std::vector<Metric> parse_extfrag_index(const std::string &text,
					const std::string &source = "/sys/kernel/debug/extfrag/extfrag_index");

// "unusable_index" {node, zone, order}: the share of the zone's free memory in blocks smaller than
// 2^order pages, as the printed fraction (0.000 to 1.000). Same layout and errors.
std::vector<Metric> parse_unusable_index(const std::string &text,
					 const std::string &source = "/sys/kernel/debug/extfrag/unusable_index");

}  // namespace kmh
