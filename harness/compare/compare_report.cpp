// Building the comparison of two run sets and the small views the report formats share.
#include "compare/compare_report.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace kmh {

std::vector<const MetricComparison *> CompareReport::headline_rows() const
{
	std::vector<const MetricComparison *> rows;
	for (const MetricComparison &row : metrics)
		if (row.kind == SeriesKind::total || row.stats.significant)
			rows.push_back(&row);
	return rows;
}

std::map<ChangeVerdict, int> CompareReport::series_verdict_counts() const
{
	std::map<ChangeVerdict, int> counts;
	for (const MetricComparison &row : metrics)
		if (row.kind == SeriesKind::series)
			counts[row.stats.verdict]++;
	return counts;
}

bool CompareReport::any_gate_failed() const
{
	return std::any_of(gates.begin(), gates.end(), [](const GateOutcome &gate) { return gate.failed; });
}

CompareReport build_compare_report(RunSet baseline, RunSet candidate, const std::vector<GateRule> &rules)
{
	CompareReport report;
	report.scenario = baseline.runs.front().result.scenario.name;
	report.metrics = compare_metrics(baseline, candidate);
	report.notes = tracing_notes(baseline, candidate);
	for (const GateRule &rule : rules)
		report.gates.push_back(evaluate_gate(rule, baseline, candidate));
	report.baseline = std::move(baseline);
	report.candidate = std::move(candidate);
	return report;
}

std::string verdict_count_text(const CompareReport &report)
{
	std::map<ChangeVerdict, int> counts = report.series_verdict_counts();
	int total = 0;
	std::vector<std::string> parts;
	for (const auto &[verdict, count] : counts) {
		total += count;
		parts.push_back(fmt::format("{} {}", count, to_string(verdict)));
	}
	return fmt::format("{} series: {}", total, fmt::join(parts, ", "));
}

std::string value_text(double value)
{
	if (!std::isfinite(value))
		return "-";
	if (value == std::trunc(value))
		return fmt::format("{:.0f}", value);
	return std::fabs(value) >= 100 ? fmt::format("{:.1f}", value) : fmt::format("{:.4g}", value);
}

std::string gain_text(const SampleComparison &stats)
{
	std::string mark = stats.significant ? "*" : "";
	if (std::isinf(stats.percent_change))
		return (stats.percent_change > 0 ? "+inf" : "-inf") + mark;
	return fmt::format("{:+.2f}%{}", stats.percent_change, mark);
}

}  // namespace kmh
