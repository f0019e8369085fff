// Building the comparison of two run sets and the small views the report formats share.
#include "compare/compare_report.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "compare/order_effects.h"
#include "compare/report_sections.h"

namespace kmh {

namespace {

void decide_family(std::vector<MetricComparison> &rows, const MinEffect &min_effect)
{
	std::vector<double> p_values;
	for (const MetricComparison &row : rows)
		p_values.push_back(row.stats.p_value);
	std::vector<double> q_values = benjamini_hochberg(p_values);
	for (std::size_t i = 0; i < rows.size(); i++)
		decide(rows[i].stats, rows[i].name, q_values[i], {default_alpha, min_effect.for_metric(rows[i].name)});
}

std::size_t tested_row_count(const CompareReport &report)
{
	return static_cast<std::size_t>(std::count_if(report.metrics.begin(), report.metrics.end(), [](const MetricComparison &row) {
		return row.stats.test == TestKind::mann_whitney;
	}));
}

std::string signed_percent(double percent)
{
	if (std::isinf(percent))
		return percent > 0 ? "+inf" : "-inf";
	return fmt::format("{:+.2f}%", percent);
}

}  // namespace

std::vector<const MetricComparison *> CompareReport::headline_rows() const
{
	std::vector<const MetricComparison *> rows;
	for (const ReportSection &section : report_sections(metrics)) {
		std::vector<const MetricComparison *> shown = shown_rows(section);
		rows.insert(rows.end(), shown.begin(), shown.end());
	}
	return rows;
}

std::vector<const MetricComparison *> shown_rows(const ReportSection &section)
{
	bool long_tail = section.kind == SectionKind::idle_state || section.kind == SectionKind::one_side;
	if (!long_tail || section.shown.size() <= long_tail_rows_shown)
		return section.shown;
	return {section.shown.begin(), section.shown.begin() + long_tail_rows_shown};
}

std::string hidden_rows_text(const ReportSection &section)
{
	std::size_t hidden = section.shown.size() - shown_rows(section).size();
	return hidden == 0 ? "" : fmt::format("… {} more in this section (all of them: the JSON report)", hidden);
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

CompareReport build_compare_report(RunSet baseline, RunSet candidate, const std::vector<GateRule> &rules,
				   const MinEffect &min_effect, const std::optional<RunOrder> &order)
{
	CompareReport report;
	report.scenario = baseline.runs.front().result.scenario.name;
	report.metrics = compare_metrics(baseline, candidate);
	decide_family(report.metrics, min_effect);
	if (order)
		test_positions(report.metrics, *order, min_effect);
	report.order = order;
	report.notes = tracing_notes(baseline, candidate);
	report.gates = evaluate_gates(rules, baseline, candidate, min_effect);
	report.min_effect = min_effect;
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
	return signed_percent(stats.percent_change) + (stats.significant ? "*" : "");
}

std::string interval_text(const SampleComparison &stats)
{
	if (stats.test == TestKind::none || std::isnan(stats.relative_low))
		return "-";
	if (stats.relative_low == stats.relative_high)
		return signed_percent(stats.relative_low);
	return fmt::format("{} .. {}", signed_percent(stats.relative_low), signed_percent(stats.relative_high));
}

std::string p_text(const SampleComparison &stats)
{
	if (stats.test == TestKind::deterministic)
		return "deterministic";
	if (stats.test == TestKind::none || !std::isfinite(stats.p_value))
		return "-";
	return fmt::format("{:.3g} ({})", stats.p_value, p_method_text(stats.test, stats.mann_whitney));
}

std::string q_text(const SampleComparison &stats)
{
	return std::isfinite(stats.q_value) ? fmt::format("{:.3g}", stats.q_value) : "-";
}

std::string verdict_legend(const CompareReport &report)
{
	std::string families;
	for (const auto &[family, percent] : report.min_effect.family_percent)
		families += fmt::format(", {} {}%", family, percent);
	return fmt::format("* q <= {} (Benjamini-Hochberg over the {} rows tested) or deterministic. changed: significant and "
			   "|change| >= min effect ({}%{}); same: the {:.0f}% interval of the change lies inside +-min effect; "
			   "otherwise undecided.",
			   default_alpha, tested_row_count(report), report.min_effect.default_percent, families,
			   same_interval_confidence * 100);
}

}  // namespace kmh
