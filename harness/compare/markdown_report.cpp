// Renders the comparison as GitHub/GitLab Markdown: sides, headline table with p, q and verdicts, gates.
#include "compare/markdown_report.h"

#include <cmath>

#include <fmt/format.h>

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

std::string metric_table(const CompareReport &report)
{
	std::string text = "| metric | baseline mean | candidate mean | gain | interval | p | q | verdict |\n"
			   "|---|---:|---:|---:|---:|---|---:|---|\n";
	for (const MetricComparison *row : report.headline_rows()) {
		const SampleComparison &stats = row->stats;
		bool bold = stats.verdict == ChangeVerdict::regressed || stats.verdict == ChangeVerdict::improved;
		text += fmt::format("| `{}` | {} | {} | {} | {} | {} | {} | {}{}{} |\n", cell(row->selector()),
				    value_text(stats.a.mean), value_text(stats.b.mean), gain_text(stats), interval_text(stats),
				    p_text(stats), q_text(stats), bold ? "**" : "",
				    to_string(stats.verdict), bold ? "**" : "");
	}
	return text;
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
	text += metric_table(report);
	text += fmt::format("\n`*` {} {}.\n", cell(verdict_legend(report)), verdict_count_text(report));
	return text + note_list(report) + gate_list(report);
}

}  // namespace kmh
