// The run's output table: one entry per format, each pointing at its renderer.
#include "report/run_outputs.h"

#include "report/junit_xml.h"
#include "report/kcidb_report.h"
#include "report/ktap_report.h"
#include "report/lava_report.h"
#include "report/result_json.h"
#include "report/run_report_html.h"
#include "report/summary.h"
#include "report/tap_report.h"

namespace kmh {

namespace {

std::string summary(const RunResult &result, const RenderContext &context)
{
	return summary_text(result, context.color);
}

}  // namespace

const OutputTable<RunResult> &run_output_formats()
{
	static const OutputTable<RunResult> table = {
		{ "summary", OutputPlace::terminal, "", "the summary", summary },
		{ "tap", OutputPlace::stdout_format, "", "TAP 13", context_free(tap_report) },
		{ "ktap", OutputPlace::stdout_format, "", "KTAP v1", context_free(ktap_report) },
		{ "lava", OutputPlace::stdout_format, "", "LAVA lava-test-case lines", context_free(lava_report) },
		{ "json", OutputPlace::file, "result.json", "the run's result.json", context_free(result_json_text) },
		{ "junit", OutputPlace::file, "junit.xml", "the run's JUnit XML", context_free(junit_xml) },
		{ "kcidb", OutputPlace::file, "kcidb.json", "the run as a KCIDB v5.3 document", kcidb_run_document },
		{ "report", OutputPlace::file, "report.html", "a self-contained HTML report of the run", context_free(run_report_html) },
	};
	return table;
}

}  // namespace kmh
