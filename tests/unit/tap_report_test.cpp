// Tests of the TAP 13 report: plan, numbering, "not ok" with YAML diagnostics, and bailing out.
#include "report/tap_report.h"

#include <limits>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace kmh {
namespace {

RunResult sample_result()
{
	RunResult result;
	result.status = "failed";
	result.complete = true;
	result.exit_code = ExitCode::assertion_failed;
	result.scenario.name = "pcp_refill_drain";
	result.workloads = {
		{"fault", "fault_pages", 1, {0}, {}, "ok", "", 1.7, {}},
		{"unmap", "unmap_remote", 2, {1}, {}, "killed", "timed out after 10 s", 10, {}},
	};
	result.assertions = {
		{"refill_on_cpu0", "pcp.refill.events{cpu=0} >= 471859.2", "", 525609, 471859.2, ">= 471859.2", "",
		 Verdict::pass, {"pcp.toml", 20, 3}},
		{"no_drain_cpu0", "pcp.drain.events{cpu=0} == 0", "drains: CPU 1 only", 525587, 0, "== 0",
		 "cpu=0: 525587\ncpu=1: 0", Verdict::fail, {"pcp.toml", 24, 3}},
		{"extfrag # seen", "extfrag.events > 0", "", std::numeric_limits<double>::quiet_NaN(), 0, "> 0", "extfrag.events was not collected",
		 Verdict::error, {"pcp.toml", 28, 3}},
	};
	return result;
}

std::vector<std::string> lines_of(const std::string &text)
{
	std::vector<std::string> lines;
	std::istringstream in(text);
	for (std::string line; std::getline(in, line);)
		lines.push_back(line);
	return lines;
}

// The YAML block that follows the test point starting with `point`, without its indentation.
YAML::Node diagnostics_after(const std::string &tap, const std::string &point)
{
	std::vector<std::string> lines = lines_of(tap);
	std::size_t at = 0;
	while (at < lines.size() && lines[at].rfind(point, 0) != 0)
		at++;
	EXPECT_LT(at + 1, lines.size()) << "no test point " << point;
	EXPECT_EQ(lines[at + 1], "  ---");
	std::string yaml;
	for (at += 2; at < lines.size() && lines[at] != "  ..."; at++)
		yaml += lines[at].substr(2) + "\n";
	EXPECT_LT(at, lines.size()) << "YAML block after " << point << " is not closed";
	return YAML::Load(yaml);
}

TEST(TapReport, PlanAndNumbering)
{
	std::vector<std::string> lines = lines_of(tap_report(sample_result()));

	ASSERT_GE(lines.size(), 3u);
	EXPECT_EQ(lines[0], "TAP version 13");
	EXPECT_EQ(lines[1], "1..4");
	EXPECT_EQ(lines[2], "ok 1 - refill_on_cpu0");
	std::vector<std::string> points;
	for (const std::string &line : lines)
		if (line.rfind("ok ", 0) == 0 || line.rfind("not ok ", 0) == 0)
			points.push_back(line);
	ASSERT_EQ(points.size(), 4u);
	EXPECT_EQ(points[1], "not ok 2 - no_drain_cpu0");
	EXPECT_EQ(points[2], "not ok 3 - extfrag \\# seen");
	EXPECT_EQ(points[3], "not ok 4 - workload unmap");
}

TEST(TapReport, PassingPointHasNoDiagnostics)
{
	std::vector<std::string> lines = lines_of(tap_report(sample_result()));

	EXPECT_EQ(lines[3], "not ok 2 - no_drain_cpu0");
}

TEST(TapReport, FailureDiagnostics)
{
	YAML::Node diagnostics = diagnostics_after(tap_report(sample_result()), "not ok 2 ");

	EXPECT_EQ(diagnostics["severity"].as<std::string>(), "fail");
	EXPECT_EQ(diagnostics["expr"].as<std::string>(), "pcp.drain.events{cpu=0} == 0");
	EXPECT_EQ(diagnostics["message"].as<std::string>(), "drains: CPU 1 only");
	EXPECT_EQ(diagnostics["observed"].as<std::string>(), "525587");
	EXPECT_EQ(diagnostics["expected"].as<std::string>(), "== 0");
	EXPECT_EQ(diagnostics["detail"].as<std::string>(), "cpu=0: 525587\ncpu=1: 0\n");
	EXPECT_EQ(diagnostics["at"].as<std::string>(), "pcp.toml:24:3");
}

TEST(TapReport, ErrorDiagnosticsOmitAValueNotComputed)
{
	YAML::Node diagnostics = diagnostics_after(tap_report(sample_result()), "not ok 3 ");

	EXPECT_EQ(diagnostics["severity"].as<std::string>(), "error");
	EXPECT_EQ(diagnostics["detail"].as<std::string>(), "extfrag.events was not collected");
	EXPECT_FALSE(diagnostics["observed"]);
}

TEST(TapReport, FailedWorkloadDiagnostics)
{
	YAML::Node diagnostics = diagnostics_after(tap_report(sample_result()), "not ok 4 ");

	EXPECT_EQ(diagnostics["status"].as<std::string>(), "killed");
	EXPECT_EQ(diagnostics["error"].as<std::string>(), "timed out after 10 s");
}

TEST(TapReport, IncompleteRunWithAssertionsEndsNotOk)
{
	RunResult result = sample_result();
	result.complete = false;
	result.status = "interrupted";
	result.errors = {"interrupted by SIGINT"};

	std::string tap = tap_report(result);

	EXPECT_NE(tap.find("1..5\n"), std::string::npos);
	EXPECT_NE(tap.find("not ok 5 - run completed\n"), std::string::npos);
	EXPECT_EQ(diagnostics_after(tap, "not ok 5 ")["errors"].as<std::string>(), "interrupted by SIGINT");
}

TEST(TapReport, IncompleteRunWithoutAssertionsBailsOut)
{
	RunResult result = sample_result();
	result.complete = false;
	result.status = "run_failed";
	result.assertions.clear();
	result.errors = {"collector pcp could not attach", "workload unmap was killed"};

	EXPECT_EQ(tap_report(result),
		  "TAP version 13\nBail out! collector pcp could not attach; workload unmap was killed\n");
}

TEST(TapReport, BailOutWithoutErrorsNamesTheStatus)
{
	RunResult result;
	result.status = "interrupted";

	EXPECT_EQ(tap_report(result), "TAP version 13\nBail out! run interrupted\n");
}

}  // namespace
}  // namespace kmh
