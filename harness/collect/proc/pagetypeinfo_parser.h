// Parser of /proc/pagetypeinfo: free blocks per order and migratetype, and pageblocks per migratetype.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

// "pagetypeinfo.free" {node, zone, order, migratetype} from the "Free pages count per migrate
// type" block and "pagetypeinfo.pageblocks" {node, zone, migratetype} from the "Number of blocks
// type" block. Orders and migratetypes are taken from the blocks' header lines, migratetype names
// upper-cased (Unmovable -> UNMOVABLE). The kernel stops counting a free list at 100000 and prints
// ">100000": that reads as 100000. Throws kmh::Error (run_failed) naming `source` and the line
// for malformed text.
std::vector<Metric> parse_pagetypeinfo(const std::string &text, const std::string &source = "/proc/pagetypeinfo");

}  // namespace kmh
