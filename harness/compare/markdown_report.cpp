// Renders the comparison as GitHub/GitLab Markdown: sides, headline table with p, q and verdicts, gates.
#include "compare/markdown_report.h"

#include <cmath>

#include <fmt/format.h>

#include "compare/order_effects.h"

namespace kmh {

namespace {

// A table cell: pipes escaped so a label value cannot break the table.
std::string cell(const std::string &text)
{
	std::string escaped;
	for (char c : text)
		escaped += c == '|' ? std::string("\\|") : std::string(1, c);
	return escaped;
}

std::string section_table(const ReportSection &section)
{
	std::vector<const MetricComparison *> shown = shown_rows(section);
	if (shown.empty())
		return "";
	std::string text = fmt::format("#### {}\n\n| metric | baseline mean | candidate mean | gain | interval | p | q | verdict |\n"
				       "|---|---:|---:|---:|---:|---|---:|---|\n", section.title);
	for (const MetricComparison *row : shown) {
		const SampleComparison &stats = row->stats;
		bool bold = stats.verdict == ChangeVerdict::regressed || stats.verdict == ChangeVerdict::improved;
		text += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} | {}{}{} |\n", cell(row->selector()),
				    value_text(stats.a.mean), value_text(stats.b.mean), gain_text(stats), interval_text(stats),
				    p_text(stats), q_text(stats), bold ? "**" : "",
				    to_string(stats.verdict), bold ? "**" : "");
	}
	if (std::string hidden = hidden_rows_text(section); !hidden.empty())
		text += fmt::format("\n{}\n", hidden);
	return text + "\n";
}

std::string metric_table(const CompareReport &report)
{
	std::string text;
	for (const ReportSection &section : report_sections(report.metrics))
		text += section_table(section);
	return text;
}

std::string order_list(const CompareReport &report)
{
	if (!report.order)
		return "";
	bool found = !position_effect_rows(report.metrics).empty();
	std::string text = found ? "### :warning: Order effect\n\n" : "### Order\n\n";
	for (const std::string &line : order_lines(report.metrics, *report.order))
		text += fmt::format("- {}\n", cell(line));
	return text + "\n";
}

std::string note_list(const CompareReport &report)
{
	std::string text;
	for (const TracingNote &note : report.notes)
		text += fmt::format("\n> **Note:** {}\n", cell(note.text));
	return text;
}

std::string gate_list(const CompareReport &report)
{
	if (report.gates.empty())
		return "";
	std::string text = fmt::format("\n### Gates: {}\n\n", report.any_gate_failed() ? "FAILED" : "passed");
	for (const GateOutcome &gate : report.gates)
		text += fmt::format("- {} `{}` ({}): {}\n", gate.failed ? ":x: **FAIL**" : ":white_check_mark: PASS",
				    cell(gate.rule.text), gate.rule.origin, gate.explanation);
	return text;
}

}  // namespace

std::string markdown_report(const CompareReport &report)
{
	std::string text = fmt::format("## kmemharness compare: `{}`\n\n", report.scenario);
	text += fmt::format("- baseline (A): {} run(s) on `{}`\n", report.baseline.runs.size(),
			    fmt::join(report.baseline.kernels(), "`, `"));
	text += fmt::format("- candidate (B): {} run(s) on `{}`\n\n", report.candidate.runs.size(),
			    fmt::join(report.candidate.kernels(), "`, `"));
	text += order_list(report);
	text += metric_table(report);
	text += fmt::format("\n`*` {} {}.\n", cell(verdict_legend(report)), verdict_count_text(report));
	return text + note_list(report) + gate_list(report);
}

}  // namespace kmh
