// Keeping the top N call sites of each scope and folding the rest into callsite="other".
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

inline const char *const other_callsite = "other";

// Metrics of one group (e.g. the slab.callsite.* families) carry the label "callsite". Within each
// scope, call sites are ranked by the sum of `rank_by` (descending, then by name); those beyond
// the first `top` are relabelled "other" (as is "other" itself), and metrics that then share name
// and labels are added up. Sums are kept exactly: only labels change. The result is sorted by
// name and labels.
std::vector<Metric> fold_callsites(const std::vector<Metric> &metrics, const std::string &rank_by, std::size_t top);

// Adds up metrics with the same name and labels (several addresses of one function, say).
std::vector<Metric> merge_equal_series(const std::vector<Metric> &metrics);

// The call sites of `scope` that `fold_callsites` keeps, best first ("other" never among them).
std::vector<std::string> top_callsites(const std::vector<Metric> &metrics, const std::string &rank_by,
				       const std::string &scope, std::size_t top);

}  // namespace kmh
