// The numbers report.html draws, taken from one run's metric store: sums by CPU, order x migratetype grids, histograms, top call sites.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "metrics/metric_store.h"

namespace kmh {

// One labelled value of a bar chart, in the order drawn.
struct LabelledValue {
	std::string label;
	double value = 0;
};

// The series of `name`, summed per value of the label `by`, ordered numerically where the values
// are numbers ("0" < "2" < "10"). Series of the workload scope only when any has it (the
// scenario's own work), else all. Series without the label are left out.
std::vector<LabelledValue> sum_by_label(const MetricStore &store, const std::string &name, const std::string &by);

// sum_by_label for each name, every list over the same labels (the union, a missing one as 0), so
// that charts drawn side by side have the same bars: drains on CPU 0 show as 0, not as no bar. A
// name without any series keeps an empty list.
std::vector<std::vector<LabelledValue>> sums_on_common_labels(const MetricStore &store, const std::vector<std::string> &names,
							       const std::string &by);

// Sums per (order, migratetype); rows and columns are the orders and migratetypes that occur.
struct OrderMigratetypeGrid {
	std::vector<int> orders;
	std::vector<std::string> migratetypes;  // the kernel's order (UNMOVABLE, MOVABLE, ...), then others
	std::map<std::pair<int, std::string>, double> cells;
	double highest = 0;
};

// Each name's series summed per (order, migratetype) (scope chosen as in sum_by_label); the
// grids share their rows and columns, so that before and after read side by side.
std::vector<OrderMigratetypeGrid> order_migratetype_grids(const MetricStore &store, const std::vector<std::string> &names);

// The names in the store with an `le` label (histogram buckets) and the prefix, sorted.
std::vector<std::string> histogram_families(const MetricStore &store, const std::string &prefix);

// The top series of one call-site family: its `callsite` label and value, largest first.
struct CallsiteTable {
	std::string family;
	std::vector<LabelledValue> top;
};

// Each family with series carrying a `callsite` label, its `limit` largest call sites (summed over
// the other labels); none when the run collected no call sites.
std::vector<CallsiteTable> top_callsites(const MetricStore &store, std::size_t limit);

}  // namespace kmh
