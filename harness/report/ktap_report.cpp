// Rendering of a RunResult as KTAP v1: version and plan lines, result lines, diagnostics, nesting.
#include "report/ktap_report.h"

#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace kmh {

namespace {

struct Subtest {
	bool ok = true;
	std::string name;
	std::string directive;                 // "" or "ERROR reason"
	std::vector<std::string> diagnostics;  // "# ..." lines before the result line
};

std::string indent(int depth)
{
	return std::string(2 * static_cast<std::size_t>(depth), ' ');
}

std::string result_line(int depth, bool ok, std::size_t number, const std::string &name, const std::string &directive)
{
	std::string line = fmt::format("{}{} {} {}", indent(depth), ok ? "ok" : "not ok", number, ktap_text(name));
	return directive.empty() ? line + "\n" : line + " # " + ktap_text(directive) + "\n";
}

std::string reason(const RunResult &result)
{
	return result.errors.empty() ? "run " + result.status : fmt::format("{}", fmt::join(result.errors, "; "));
}

Subtest assertion_subtest(const AssertionResult &assertion)
{
	Subtest subtest{ assertion.verdict == Verdict::pass, assertion.name, "", {} };
	if (assertion.verdict == Verdict::error)
		subtest.directive = "ERROR " + assertion.detail;
	if (assertion.verdict == Verdict::fail) {
		subtest.diagnostics.push_back(
			fmt::format("{}: observed {:.15g}, expected {}", assertion.name, assertion.observed, assertion.expected_text));
		if (!assertion.message.empty())
			subtest.diagnostics.push_back(assertion.name + ": " + assertion.message);
	}
	return subtest;
}

std::vector<Subtest> subtests(const RunResult &result)
{
	std::vector<Subtest> tests;
	for (const AssertionResult &assertion : result.assertions)
		tests.push_back(assertion_subtest(assertion));
	for (const WorkloadResult &workload : result.workloads)
		if (!ended_as_allowed(workload))
			tests.push_back({ false, "workload " + workload.name,
					  fmt::format("ERROR {}{}", workload.status,
						      workload.error.empty() ? "" : ": " + workload.error),
					  {} });
	if (!result.complete)
		tests.push_back({ false, "run completed", "ERROR " + reason(result), {} });
	return tests;
}

std::string nested_block(const std::vector<Subtest> &tests, int depth)
{
	std::string block = fmt::format("{0}KTAP version 1\n{0}1..{1}\n", indent(depth), tests.size());
	for (std::size_t i = 0; i < tests.size(); i++) {
		for (const std::string &line : tests[i].diagnostics)
			block += indent(depth) + "# " + ktap_text(line) + "\n";
		block += result_line(depth, tests[i].ok, i + 1, tests[i].name, tests[i].directive);
	}
	return block;
}

}  // namespace

std::string ktap_text(const std::string &text)
{
	std::string cleaned;
	for (char c : text) {
		bool space = c == '#' || c == '\n' || c == '\r' || c == ' ' || c == '\t';
		if (!space)
			cleaned += c;
		else if (!cleaned.empty() && cleaned.back() != ' ')
			cleaned += ' ';
	}
	while (!cleaned.empty() && cleaned.back() == ' ')
		cleaned.pop_back();
	return cleaned;
}

std::string ktap_scenario_test(const RunResult &result, std::size_t number, int depth)
{
	const std::string &name = result.scenario.name;
	if (result.exit_code == ExitCode::environment)
		return result_line(depth, true, number, name, "SKIP " + reason(result));
	std::vector<Subtest> tests = subtests(result);
	if (result.assertions.empty() && !result.complete)
		return result_line(depth, false, number, name, "ERROR " + reason(result));
	std::string directive = result.exit_code == ExitCode::kernel_crashed ? "ERROR " + reason(result) : "";
	return nested_block(tests, depth + 1) +
	       result_line(depth, result.exit_code == ExitCode::passed, number, name, directive);
}

std::string ktap_report(const RunResult &result)
{
	return "KTAP version 1\n1..1\n" + ktap_scenario_test(result, 1, 0);
}

}  // namespace kmh
