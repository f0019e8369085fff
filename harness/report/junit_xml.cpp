// Rendering of a RunResult as a JUnit XML test suite.
#include "report/junit_xml.h"

#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "report/markup_escape.h"
#include "system/file_io.h"

namespace kmh {

namespace {

enum class Outcome { passed, failure, error };

struct TestCase {
	std::string name;
	Outcome outcome = Outcome::passed;
	std::string message;  // the one-line reason CI shows next to the test name
	std::string text;     // the full story, shown when the test is opened
	std::optional<double> seconds;
};

std::string assertion_text(const AssertionResult &assertion)
{
	std::string text = fmt::format("expr: {}\n", assertion.expr);
	if (std::isfinite(assertion.observed))
		text += fmt::format("observed: {}\n", assertion.observed);
	text += fmt::format("expected: {}\n", assertion.expected_text);
	if (!assertion.message.empty())
		text += fmt::format("message: {}\n", assertion.message);
	if (!assertion.detail.empty())
		text += fmt::format("detail: {}\n", assertion.detail);
	return text + fmt::format("at: {}\n", assertion.where.to_string());
}

std::string assertion_message(const AssertionResult &assertion)
{
	std::string values = assertion.verdict == Verdict::error
		? fmt::format("could not be evaluated: {}", assertion.detail)
		: fmt::format("observed {}, expected {}", assertion.observed, assertion.expected_text);
	return assertion.message.empty() ? values : fmt::format("{} ({})", assertion.message, values);
}

Outcome outcome_of(Verdict verdict)
{
	switch (verdict) {
	case Verdict::pass:
		return Outcome::passed;
	case Verdict::fail:
		return Outcome::failure;
	case Verdict::error:
		return Outcome::error;
	}
	return Outcome::error;
}

TestCase assertion_case(const AssertionResult &assertion)
{
	TestCase test;
	test.name = assertion.name;
	test.outcome = outcome_of(assertion.verdict);
	if (test.outcome != Outcome::passed) {
		test.message = assertion_message(assertion);
		test.text = assertion_text(assertion);
	}
	return test;
}

TestCase workload_case(const WorkloadResult &workload)
{
	return {fmt::format("workload {}", workload.name), Outcome::error,
		fmt::format("workload {} ({}) {}: {}", workload.name, workload.kind, workload.status, workload.error),
		fmt::format("kind: {}\nphase: {}\nstatus: {}\nerror: {}\n", workload.kind, workload.phase,
			    workload.status, workload.error),
		workload.duration_s};
}

TestCase incomplete_run_case(const RunResult &result)
{
	std::string first_error = result.errors.empty() ? "no error recorded" : result.errors.front();
	return {"run completed", Outcome::error, fmt::format("run {}: {}", result.status, first_error),
		fmt::format("{}\n", fmt::join(result.errors, "\n")), std::nullopt};
}

std::vector<TestCase> test_cases(const RunResult &result)
{
	std::vector<TestCase> tests;
	for (const AssertionResult &assertion : result.assertions)
		tests.push_back(assertion_case(assertion));
	for (const WorkloadResult &workload : result.workloads)
		if (!ended_as_allowed(workload))
			tests.push_back(workload_case(workload));
	if (!result.complete)
		tests.push_back(incomplete_run_case(result));
	return tests;
}

std::size_t count_outcome(const std::vector<TestCase> &tests, Outcome outcome)
{
	std::size_t count = 0;
	for (const TestCase &test : tests)
		count += test.outcome == outcome;
	return count;
}

std::string property(const char *name, const std::string &value)
{
	return fmt::format("    <property name=\"{}\" value=\"{}\"/>\n", name, markup_escape(value));
}

std::string properties(const RunResult &result)
{
	return "  <properties>\n" + property("status", result.status) +
	       property("exit_code", std::to_string(to_int(result.exit_code))) +
	       property("kernel_release", result.system.kernel_release) + property("target", result.target) +
	       property("scenario_file", result.scenario.file) +
	       property("scenario_sha256", result.scenario.sha256) +
	       property("tool_version", result.tool_version) + "  </properties>\n";
}

std::string testcase_xml(const TestCase &test, const std::string &classname)
{
	std::string time = test.seconds ? fmt::format(" time=\"{:.3f}\"", *test.seconds) : "";
	std::string opening = fmt::format("  <testcase classname=\"{}\" name=\"{}\"{}", markup_escape(classname),
					  markup_escape(test.name), time);
	if (test.outcome == Outcome::passed)
		return opening + "/>\n";
	const char *element = test.outcome == Outcome::failure ? "failure" : "error";
	return fmt::format("{}>\n    <{} message=\"{}\" type=\"{}\">{}</{}>\n  </testcase>\n", opening, element,
			   markup_escape(test.message), element, markup_escape(test.text), element);
}

}  // namespace

std::string junit_xml(const RunResult &result)
{
	std::vector<TestCase> tests = test_cases(result);
	std::string suite = "kmemharness." + result.scenario.name;
	std::string timestamp = result.started_at.empty()
		? "" : fmt::format(" timestamp=\"{}\"", markup_escape(result.started_at));
	std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
	xml += fmt::format("<testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\" "
			   "time=\"{:.3f}\"{} hostname=\"{}\">\n",
			   markup_escape(suite), tests.size(), count_outcome(tests, Outcome::failure),
			   count_outcome(tests, Outcome::error), total_seconds(result), timestamp,
			   markup_escape(result.system.hostname));
	xml += properties(result);
	for (const TestCase &test : tests)
		xml += testcase_xml(test, suite);
	return xml + "</testsuite>\n";
}

}  // namespace kmh
