// Everything a comparison found, in the one shape the terminal, JSON, Markdown and HTML reports show.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compare/gate_rule.h"
#include "compare/metric_comparison.h"
#include "compare/min_effect.h"
#include "compare/report_sections.h"
#include "compare/run_order.h"
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
	MinEffect min_effect;
	std::optional<RunOrder> order;  // ab: how the rounds were ordered; the rows then carry the position test

	// The rows worth a reader's eye, in report order (report_sections.h): per section, the series
	// decided changed by effect size, then the totals; the long tail sections cut (shown_rows).
	std::vector<const MetricComparison *> headline_rows() const;
	// How many series (not totals) got each verdict.
	std::map<ChangeVerdict, int> series_verdict_counts() const;
	bool any_gate_failed() const;
};

// Compares every metric, q-values across every row (series and totals) tested, decides each row
// with its family's minimum effect, and evaluates the rules (already parsed) on the two sets.
// With an order (ab), the runs of each set must be in round order and every row gets its position test.
CompareReport build_compare_report(RunSet baseline, RunSet candidate, const std::vector<GateRule> &rules,
				   const MinEffect &min_effect = {}, const std::optional<RunOrder> &order = std::nullopt);

// The idle-state and one-side sections can hold a hundred rows: the tables show this many of each.
inline constexpr std::size_t long_tail_rows_shown = 10;

// The rows of a section a table shows, and the line saying how many more there are ("" if none).
std::vector<const MetricComparison *> shown_rows(const ReportSection &section);
std::string hidden_rows_text(const ReportSection &section);

// "42 series: 30 identical, 10 same, 2 regressed"
std::string verdict_count_text(const CompareReport &report);

// A mean as the reports print it: whole numbers without a fraction, others with one or a few digits.
std::string value_text(double value);

// "+1.23%" with a '*' when significant: the gain column of every report.
std::string gain_text(const SampleComparison &stats);

// "-0.40% .. +2.10%": the interval of the relative change; "-" when there is none.
std::string interval_text(const SampleComparison &stats);

// "0.1 (exact)", "0.0469 (normal approximation)", "deterministic" or "-".
std::string p_text(const SampleComparison &stats);

// The q-value, or "-" when the row was not tested.
std::string q_text(const SampleComparison &stats);

// The legend under every report's table: what * means and how the verdicts are reached.
std::string verdict_legend(const CompareReport &report);

}  // namespace kmh
