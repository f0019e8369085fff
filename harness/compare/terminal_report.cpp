// Renders the comparison for a terminal: headline rows, verdict counts and gate outcomes.
#include "compare/terminal_report.h"

#include <algorithm>

#include <fmt/format.h>

#include "compare/order_effects.h"

namespace kmh {

namespace {

const char *verdict_color(ChangeVerdict verdict)
{
	switch (verdict) {
	case ChangeVerdict::regressed:
		return "\033[31m";
	case ChangeVerdict::improved:
		return "\033[32m";
	case ChangeVerdict::changed:
		return "\033[33m";
	default:
		return "";
	}
}

std::string painted(const std::string &text, const char *color_code, Color color)
{
	if (color == Color::off || *color_code == '\0')
		return text;
	return fmt::format("{}{}\033[0m", color_code, text);
}

std::string side_line(const char *title, const RunSet &set)
{
	return fmt::format("  {:<14}{} run(s) on {}\n", title, set.runs.size(), fmt::join(set.kernels(), ", "));
}

std::string metric_table(const CompareReport &report, Color color)
{
	std::vector<const MetricComparison *> rows = report.headline_rows();
	std::size_t width = 6;
	for (const MetricComparison *row : rows)
		width = std::max(width, row->selector().size());
	std::string text = fmt::format("  {:<{}}  {:>14}  {:>14}  {:>10}  {:>20}  {:<22}  {:>8}  {}\n", "metric", width,
				       "baseline mean", "candidate mean", "gain", "interval", "p", "q", "verdict");
	for (const ReportSection &section : report_sections(report.metrics)) {
		std::vector<const MetricComparison *> shown = shown_rows(section);
		if (shown.empty())
			continue;
		text += fmt::format("  {}\n", section.title);
		for (const MetricComparison *row : shown) {
			const SampleComparison &stats = row->stats;
			text += fmt::format("  {:<{}}  {:>14}  {:>14}  {:>10}  {:>20}  {:<22}  {:>8}  {}\n", row->selector(), width,
					    value_text(stats.a.mean), value_text(stats.b.mean), gain_text(stats), interval_text(stats),
					    p_text(stats), q_text(stats),
					    painted(to_string(stats.verdict), verdict_color(stats.verdict), color));
		}
		if (std::string hidden = hidden_rows_text(section); !hidden.empty())
			text += fmt::format("  {}\n", hidden);
	}
	return text;
}

// Before the table: a position effect makes the A/B verdicts of its rows suspect, so it comes first.
std::string order_section(const CompareReport &report, Color color)
{
	if (!report.order)
		return "";
	bool found = !position_effect_rows(report.metrics).empty();
	std::string text = "\n" + (found ? painted("ORDER EFFECT", "\033[31m", color) : std::string("Order")) + "\n";
	for (const std::string &line : order_lines(report.metrics, *report.order))
		text += fmt::format("  {}\n", line);
	return text;
}

std::string notes_section(const CompareReport &report)
{
	std::string text;
	for (const TracingNote &note : report.notes)
		text += fmt::format("  note: {}\n", note.text);
	return text;
}

std::string gate_section(const CompareReport &report, Color color)
{
	if (report.gates.empty())
		return "";
	std::string text = "\nGates\n";
	for (const GateOutcome &gate : report.gates) {
		std::string mark = gate.failed ? painted("FAIL", "\033[31m", color) : painted("PASS", "\033[32m", color);
		text += fmt::format("  {}  {} ({})\n        {}\n", mark, gate.rule.text, gate.rule.origin, gate.explanation);
	}
	return text;
}

}  // namespace

std::string terminal_report(const CompareReport &report, Color color)
{
	std::string text = fmt::format("kmemharness compare: {}\n", report.scenario);
	text += side_line("baseline (A)", report.baseline);
	text += side_line("candidate (B)", report.candidate);
	text += order_section(report, color);
	text += "\n" + metric_table(report, color);
	text += fmt::format("  {}\n  {} (all of them: --json)\n", verdict_legend(report), verdict_count_text(report));
	return text + notes_section(report) + gate_section(report, color);
}

}  // namespace kmh
