// Everything a comparison found, in the one shape the terminal, JSON, Markdown and HTML reports show.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compare/gate_rule.h"
#include "compare/metric_comparison.h"
#include "compare/run_set.h"
#include "compare/tracing_notes.h"

namespace kmh {

struct CompareReport {
	RunSet baseline;
	RunSet candidate;
	std::string scenario;
	std::vector<MetricComparison> metrics;
	std::vector<GateOutcome> gates;
	std::vector<TracingNote> notes;  // tracing changes that explain some of the rows

	// The rows worth a reader's eye: every total, and every series whose change is significant.
	std::vector<const MetricComparison *> headline_rows() const;
	// How many series (not totals) got each verdict.
	std::map<ChangeVerdict, int> series_verdict_counts() const;
	bool any_gate_failed() const;
};

// Compares every metric and evaluates the rules (already parsed) on the two sets.
CompareReport build_compare_report(RunSet baseline, RunSet candidate, const std::vector<GateRule> &rules);

// "42 series: 30 identical, 10 no significant change, 2 regressed"
std::string verdict_count_text(const CompareReport &report);

// A mean as the reports print it: whole numbers without a fraction, others with one or a few digits.
std::string value_text(double value);

// "1.23" with a '*' when significant: the gain column of every report.
std::string gain_text(const SampleComparison &stats);

}  // namespace kmh
