// Before/after/delta series from two /proc snapshots of the same kinds.
#pragma once

#include <vector>

#include "metrics/metric.h"

namespace kmh {

// For each series (base name and labels) of either snapshot: "<name>.before", "<name>.after" and
// "<name>.delta" (after - before), in the order series first appear (before's, then after-only
// ones). A series missing on one side counts 0 there (a slab cache created during the run); a
// series listed twice on one side is summed.
std::vector<Metric> snapshot_phase_metrics(const std::vector<Metric> &before, const std::vector<Metric> &after);

}  // namespace kmh
