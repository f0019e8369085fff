// Every metric series of two run sets compared, plus per-(name, scope) totals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compare/run_set.h"
#include "compare/sample_comparison.h"
#include "metrics/metric.h"

namespace kmh {

// A stored series (name and all its labels, values of equal label sets summed) or a total: the
// sum of every series of one name and scope (just the name when its series carry no scope).
enum class SeriesKind { series, total };

struct MetricComparison {
	std::string name;
	Labels labels;  // a total: only {scope}, or none
	SeriesKind kind = SeriesKind::series;
	SampleComparison stats;
	// ab only: the runs that came first in their round against those that came second.
	std::optional<SampleComparison> position;
	// Whether any run of that side has the series (a run that lacks it counts 0 all the same).
	bool in_baseline = true;
	bool in_candidate = true;

	// name{key=value, ...} as the assertion language writes it.
	std::string selector() const;
};

// Every series present in any run (0 in the runs that lack it), then every total that covers
// more than one series; each list sorted by name and labels.
std::vector<MetricComparison> compare_metrics(const RunSet &baseline, const RunSet &candidate);

// Per run, the sum of the series of `name` whose labels include every label of `subset`.
std::vector<double> per_run_sums(const RunSet &set, const std::string &name, const Labels &subset);

}  // namespace kmh
