// Rendering of a RunResult as lava-test-case lines for a LAVA test shell.
#include "report/lava_report.h"

#include <cctype>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "assertions/observed_unit.h"
#include "report/test_names.h"

namespace kmh {

namespace {

const char *run_result(ExitCode code)
{
	if (code == ExitCode::passed)
		return "pass";
	return code == ExitCode::environment ? "skip" : "fail";
}

// One line of plain text after "# ": a line break would start a command.
std::string comment_line(const std::string &text)
{
	std::string line = "# ";
	for (char c : text)
		line += c == '\n' || c == '\r' ? ' ' : c;
	return line + "\n";
}

// The catalog's units ("events", "events/s") are words a shell passes on as they are; anything
// else a unit might hold becomes '_'.
std::string lava_units(const std::string &unit)
{
	std::string units;
	for (char c : unit)
		units += std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '.' ? c : '_';
	return units;
}

std::string test_case(const std::string &name, const char *result, double measurement, const std::string &unit)
{
	std::string line = fmt::format("lava-test-case {} --result {}", name, result);
	if (std::isfinite(measurement))
		line += fmt::format(" --measurement {:.15g}", measurement);
	if (std::isfinite(measurement) && !unit.empty())
		line += " --units " + lava_units(unit);
	return line + "\n";
}

}  // namespace

std::string lava_test_cases(const RunResult &result, const std::string &scenario)
{
	std::string lines;
	if (result.exit_code != ExitCode::passed && result.exit_code != ExitCode::assertion_failed)
		lines += comment_line(fmt::format("{}: {}", scenario,
						  result.errors.empty() ? "run " + result.status
									: fmt::format("{}", fmt::join(result.errors, "; "))));
	lines += test_case(scenario, run_result(result.exit_code), total_seconds(result), "seconds");
	std::vector<std::string> names = assertion_components(result.assertions);
	for (std::size_t i = 0; i < result.assertions.size(); i++) {
		const AssertionResult &assertion = result.assertions[i];
		if (assertion.verdict == Verdict::error)
			lines += comment_line(scenario + "." + names[i] + ": " + assertion.detail);
		lines += test_case(scenario + "." + names[i], assertion.verdict == Verdict::pass ? "pass" : "fail",
				   assertion.observed, observed_unit(assertion.expr));
	}
	return lines;
}

std::string lava_report(const RunResult &result)
{
	return lava_test_cases(result, path_component(result.scenario.name));
}

}  // namespace kmh
