// Builds the JSON document of a comparison: sides, metric rows with statistics, gate outcomes.
#include "compare/json_report.h"

#include <cmath>

#include "compare/order_effects.h"

namespace kmh {

namespace {

using nlohmann::json;

json number(double value)
{
	return std::isfinite(value) ? json(value) : json(nullptr);
}

json side_json(const RunSet &set)
{
	json files = json::array();
	for (const LoadedRun &run : set.runs)
		files.push_back(run.path);
	return {{"runs", set.runs.size()}, {"kernels", set.kernels()}, {"files", files}};
}

json summary_json(const SampleSummary &summary, const std::vector<double> &values)
{
	return {{"n", summary.n},
		{"values", values},
		{"mean", number(summary.mean)},
		{"median", number(summary.median)},
		{"stddev", number(summary.stddev)},
		{"cv", number(summary.cv)},
		{"skewness", number(summary.skewness)}};
}

json stats_json(const SampleComparison &stats)
{
	return {{"baseline", summary_json(stats.a, stats.baseline)},
		{"candidate", summary_json(stats.b, stats.candidate)},
		{"difference", number(stats.difference)},
		{"percent_change", number(stats.percent_change)},
		{"mann_whitney",
		 {{"u", number(stats.mann_whitney.u)},
		  {"p_value", number(stats.mann_whitney.p_value)},
		  {"exact", stats.mann_whitney.exact}}},
		{"relative_change",
		 {{"estimate", number(stats.relative_change)},
		  {"interval", {number(stats.relative_low), number(stats.relative_high)}},
		  {"coverage", number(stats.interval_coverage)}}},
		{"test", to_string(stats.test)},
		{"p_method", p_method_text(stats.test, stats.mann_whitney)},
		{"p_value", number(stats.p_value)},
		{"q_value", number(stats.q_value)},
		{"significant", stats.significant},
		{"min_effect_percent", stats.min_effect_percent},
		{"decision", to_string(stats.decision)},
		{"verdict", to_string(stats.verdict)}};
}

json metric_json(const MetricComparison &row)
{
	json item = stats_json(row.stats);
	item["name"] = row.name;
	item["labels"] = row.labels;
	item["kind"] = row.kind == SeriesKind::total ? "total" : "series";
	item["in_baseline"] = row.in_baseline;
	item["in_candidate"] = row.in_candidate;
	if (row.position)
		item["position"] = stats_json(*row.position);
	return item;
}

json gate_json(const GateOutcome &gate)
{
	json item = stats_json(gate.stats);
	item["rule"] = gate.rule.text;
	item["origin"] = gate.rule.origin;
	item["failed"] = gate.failed;
	item["explanation"] = gate.explanation;
	return item;
}

json note_json(const TracingNote &note)
{
	return {{"calls", note.calls},
		{"duplicates", note.duplicates},
		{"baseline_duplicates", number(note.baseline_duplicates)},
		{"candidate_duplicates", number(note.candidate_duplicates)},
		{"baseline_calls", number(note.baseline_calls)},
		{"candidate_calls", number(note.candidate_calls)},
		{"text", note.text}};
}

// ab's order; position_effects lists the rows whose first runs differ from their second ones.
json order_json(const CompareReport &report)
{
	if (!report.order)
		return nullptr;
	const RunOrder &order = *report.order;
	json effects = json::array();
	for (const MetricComparison *row : position_effect_rows(report.metrics))
		effects.push_back(row->selector());
	return {{"method", order.method},
		{"seed", order.seed ? json(*order.seed) : json(nullptr)},
		{"rounds", order.rounds},
		{"reset", order.reset},
		{"not_reset", order.not_reset},
		{"stop", order.stop},
		{"position_effects", effects},
		{"lines", order_lines(report.metrics, order)}};
}

}  // namespace

nlohmann::json compare_report_json(const CompareReport &report)
{
	json metrics = json::array();
	for (const ReportSection &section : report_sections(report.metrics))
		for (const MetricComparison *row : section.rows) {
			metrics.push_back(metric_json(*row));
			metrics.back()["section"] = to_string(section.kind);
		}
	json gates = json::array();
	for (const GateOutcome &gate : report.gates)
		gates.push_back(gate_json(gate));
	json notes = json::array();
	for (const TracingNote &note : report.notes)
		notes.push_back(note_json(note));
	return {{"scenario", report.scenario},
		{"alpha", default_alpha},
		{"min_effect", {{"default_percent", report.min_effect.default_percent},
				{"family_percent", report.min_effect.family_percent}}},
		{"baseline", side_json(report.baseline)},
		{"candidate", side_json(report.candidate)},
		{"metrics", metrics},
		{"gates", gates},
		{"notes", notes},
		{"order", order_json(report)},
		{"gate_failed", report.any_gate_failed()}};
}

}  // namespace kmh
