// Rendering of a RunResult as TAP 13 with YAML diagnostics.
#include "report/tap_report.h"

#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace kmh {

namespace {

using Diagnostics = std::vector<std::pair<std::string, std::string>>;

struct TestPoint {
	bool ok = true;
	std::string description;
	Diagnostics diagnostics;  // shown only for a test point that is not ok
};

// A description is one line, and '#' would start a TAP directive.
std::string tap_description(const std::string &name)
{
	std::string description;
	for (char c : name) {
		if (c == '#')
			description += "\\#";
		else
			description += c == '\n' || c == '\r' ? ' ' : c;
	}
	return description;
}

std::string yaml_block(const Diagnostics &diagnostics)
{
	YAML::Emitter out;
	out << YAML::BeginMap;
	for (const auto &[key, value] : diagnostics) {
		out << YAML::Key << key << YAML::Value;
		if (value.find('\n') != std::string::npos)
			out << YAML::Literal;
		out << value;
	}
	out << YAML::EndMap;

	std::string block = "  ---\n";
	std::string_view emitted = out.c_str();
	while (!emitted.empty()) {
		std::size_t end = emitted.find('\n');
		std::string_view line = emitted.substr(0, end);
		block += fmt::format("  {}\n", line);
		emitted.remove_prefix(end == std::string_view::npos ? emitted.size() : end + 1);
	}
	return block + "  ...\n";
}

Diagnostics assertion_diagnostics(const AssertionResult &assertion)
{
	Diagnostics diagnostics = {{"severity", verdict_name(assertion.verdict)}, {"expr", assertion.expr}};
	if (!assertion.message.empty())
		diagnostics.push_back({"message", assertion.message});
	if (std::isfinite(assertion.observed))
		diagnostics.push_back({"observed", fmt::format("{}", assertion.observed)});
	diagnostics.push_back({"expected", assertion.expected_text});
	if (!assertion.detail.empty())
		diagnostics.push_back({"detail", assertion.detail});
	diagnostics.push_back({"at", assertion.where.to_string()});
	return diagnostics;
}

TestPoint workload_point(const WorkloadResult &workload)
{
	return {false, "workload " + workload.name,
		{{"severity", "error"},
		 {"kind", workload.kind},
		 {"phase", std::to_string(workload.phase)},
		 {"status", workload.status},
		 {"error", workload.error}}};
}

std::string errors_text(const RunResult &result, const char *separator)
{
	return result.errors.empty() ? "run " + result.status : fmt::format("{}", fmt::join(result.errors, separator));
}

std::vector<TestPoint> test_points(const RunResult &result)
{
	std::vector<TestPoint> points;
	for (const AssertionResult &assertion : result.assertions)
		points.push_back({assertion.verdict == Verdict::pass, assertion.name, assertion_diagnostics(assertion)});
	for (const WorkloadResult &workload : result.workloads)
		if (!ended_as_allowed(workload))
			points.push_back(workload_point(workload));
	if (!result.complete)
		points.push_back({false, "run completed",
				  {{"severity", "error"}, {"status", result.status}, {"errors", errors_text(result, "\n")}}});
	return points;
}

std::string bail_out(const RunResult &result)
{
	return fmt::format("TAP version 13\nBail out! {}\n", tap_description(errors_text(result, "; ")));
}

}  // namespace

std::string tap_report(const RunResult &result)
{
	if (!result.complete && result.assertions.empty())
		return bail_out(result);
	std::vector<TestPoint> points = test_points(result);
	std::string tap = fmt::format("TAP version 13\n1..{}\n", points.size());
	for (std::size_t i = 0; i < points.size(); i++) {
		const TestPoint &point = points[i];
		tap += fmt::format("{} {} - {}\n", point.ok ? "ok" : "not ok", i + 1, tap_description(point.description));
		if (!point.ok)
			tap += yaml_block(point.diagnostics);
	}
	return tap;
}

}  // namespace kmh
