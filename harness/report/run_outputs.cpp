// The run's output table: one entry per format, each pointing at its renderer.
#include "report/run_outputs.h"

#include "report/junit_xml.h"
#include "report/result_json.h"
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
		{ "json", OutputPlace::file, "result.json", "the run's result.json", context_free(result_json_text) },
		{ "junit", OutputPlace::file, "junit.xml", "the run's JUnit XML", context_free(junit_xml) },
	};
	return table;
}

}  // namespace kmh
