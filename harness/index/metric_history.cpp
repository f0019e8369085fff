// Reading each indexed run back and evaluating the metric expression on its store.
#include "index/metric_history.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "assertions/assertion_evaluator.h"
#include "assertions/assertion_parser.h"
#include "common/error.h"
#include "compare/run_set.h"

namespace kmh {

namespace {

// The metric as the left side of an assertion, whose observed value is the metric's.
CompiledAssertion compile_metric(const std::string &metric)
{
	try {
		return compile_assertion(metric + " >= 0");
	} catch (const AssertionSyntaxError &error) {
		throw invalid_input(fmt::format("history: METRIC '{}', column {}: {}; accepted: a metric selector such as "
						"pcp.drain.events{{scope=workload}} or an expression of them (docs/assertions.md)",
						metric, error.column(), error.what()));
	}
}

HistoryPoint evaluate_point(const IndexEntry &run, const RunResult &result, const CompiledAssertion &compiled,
			    const std::string &metric)
{
	AssertionResult outcome = evaluate_assertion(compiled, {metric, metric + " >= 0", "", {}}, result.metrics);
	if (outcome.verdict == Verdict::error)
		return {run, std::nan(""), outcome.detail};
	return {run, outcome.observed, outcome.detail};
}

}  // namespace

MetricHistory metric_history(const std::string &scenario, const std::string &metric, IndexQuery query,
			     const std::string &index_path)
{
	CompiledAssertion compiled = compile_metric(metric);
	query.scenario = scenario;
	MetricHistory history{scenario, metric, {}, {}};
	for (const IndexEntry &run : find_indexed_entries(query, index_path)) {
		try {
			RunResult result = read_result_text(run.path, read_result_file(run.path));
			history.points.push_back(evaluate_point(run, result, compiled, metric));
		} catch (const Error &error) {
			history.notes.push_back(fmt::format("{} is in {} but cannot be read: {}", run.path, index_path, error.what()));
		}
	}
	if (history.points.empty())
		throw invalid_input(fmt::format("{}: no readable run of scenario '{}'{}{}", index_path, scenario,
						query.kernel_release.empty() ? "" : " on kernel '" + query.kernel_release + "'",
						query.machine.empty() ? "" : " on machine '" + query.machine + "'"));
	return history;
}

std::vector<std::string> history_kernels(const MetricHistory &history)
{
	std::vector<std::string> kernels;
	for (const HistoryPoint &point : history.points)
		if (std::find(kernels.begin(), kernels.end(), point.run.kernel_release) == kernels.end())
			kernels.push_back(point.run.kernel_release);
	return kernels;
}

}  // namespace kmh
