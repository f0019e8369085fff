// One metric of one scenario across the indexed runs: a value per run, with its machine, kernel and time.
#pragma once

#include <string>
#include <vector>

#include "compare/result_index.h"

namespace kmh {

struct HistoryPoint {
	IndexEntry run;
	double value = 0;    // NaN when the run cannot give it (detail says why)
	std::string detail;  // how the value was computed, or why it could not be
};

struct MetricHistory {
	std::string scenario;
	std::string metric;  // as given: an expression of the assertion language, e.g. sum(pcp.drain.events{scope=workload})
	std::vector<HistoryPoint> points;  // oldest first
	std::vector<std::string> notes;    // runs the index lists that could not be read
};

// The metric evaluated on every run of the scenario the query selects (the query's scenario is
// `scenario`). Throws kmh::Error (invalid_input) for a metric that is not an expression of the
// assertion language, a missing index, or no run selected.
MetricHistory metric_history(const std::string &scenario, const std::string &metric, IndexQuery query,
			     const std::string &index_path);

// The kernels of the points in first-seen (oldest run) order.
std::vector<std::string> history_kernels(const MetricHistory &history);

}  // namespace kmh
