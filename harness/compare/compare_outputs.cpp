// The comparison's output table: one entry per format, each pointing at its renderer.
#include "compare/compare_outputs.h"

#include "compare/html_report.h"
#include "compare/json_report.h"
#include "compare/markdown_report.h"
#include "compare/terminal_report.h"

namespace kmh {

namespace {

std::string terminal_table(const CompareReport &report, const RenderContext &context)
{
	return terminal_report(report, context.color ? Color::on : Color::off);
}

std::string json_text(const CompareReport &report)
{
	return compare_report_json(report).dump(2) + "\n";
}

}  // namespace

const OutputTable<CompareReport> &compare_output_formats()
{
	static const OutputTable<CompareReport> table = {
		{ "terminal", OutputPlace::terminal, "", "the comparison table", terminal_table },
		{ "json", OutputPlace::file, "compare.json", "the full comparison as JSON", context_free(json_text) },
		{ "markdown", OutputPlace::file, "compare.md", "a Markdown report (review comment)",
		  context_free(markdown_report) },
		{ "html", OutputPlace::file, "compare.html", "a self-contained HTML report", context_free(html_report) },
	};
	return table;
}

}  // namespace kmh
