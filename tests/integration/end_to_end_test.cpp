// The shipped pcpu_bounce scenario end to end: exit 0, a complete result.json and a passing junit.xml.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

std::string read_whole_file(const std::string &path)
{
	std::ifstream in(path);
	std::ostringstream text;
	text << in.rdbuf();
	return text.str();
}

void expect_series_per_cpu(const ResultFile &result, const std::string &name)
{
	std::vector<nlohmann::json> series = result.series(name);
	ASSERT_FALSE(series.empty()) << "no " << name << " series in result.json";
	for (const nlohmann::json &one : series)
		EXPECT_TRUE(one.at("labels").contains("cpu")) << name << " series without a cpu label: " << one.dump();
	EXPECT_GT(result.sum(name, {{"scope", "workload"}}), 0) << name << "{scope=workload} is 0";
}

TEST(EndToEnd, PcpuBounceScenarioPassesAndReportsEverything)
{
	ScratchDir scratch;
	std::string output = scratch / "out";
	// One run, no retry: the scenario's bounds hold however busy the machine is (docs/metrics.md,
	// "Per-CPU list balance"); bench/load_test.sh runs it 10 times under stress-ng.
	ProcessOutcome run = run_kmemharness({"run", shipped_scenario("pcpu_bounce.toml"), "--output", output});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);

	ResultFile result(output + "/result.json");
	const nlohmann::json &json = result.json();
	EXPECT_EQ(json.at("schema_version"), 1);
	EXPECT_EQ(json.at("complete"), true);
	EXPECT_EQ(json.at("status"), "passed");
	EXPECT_EQ(json.at("exit_code"), 0);
	EXPECT_TRUE(json.at("errors").empty()) << json.at("errors").dump();
	expect_series_per_cpu(result, "pcp.refill.events");
	expect_series_per_cpu(result, "pcp.drain.events");
	EXPECT_EQ(result.sum("workload.bounce.pages"), 524288);
	EXPECT_GE(result.sum("workload.bounce.alloc_stretches"), 8) << "at least one stretch per round";
	EXPECT_GE(result.sum("workload.bounce.free_stretches"), 8) << "at least one stretch per round";
	EXPECT_GT(result.sum("zoneinfo.pcp.high_max.after", {{"cpu", "0"}}), 0);

	ASSERT_EQ(json.at("assertions").size(), 6u);
	for (const nlohmann::json &assertion : json.at("assertions"))
		EXPECT_EQ(assertion.at("verdict"), "pass") << assertion.dump(2);
	ASSERT_FALSE(json.at("collectors").empty());
	for (const nlohmann::json &collector : json.at("collectors"))
		EXPECT_FALSE(collector.at("variant").get<std::string>().empty()) << collector.dump();
	for (const char *stage : {"setup", "attach", "workloads", "readout", "assertions"})
		EXPECT_TRUE(json.at("timings").contains(stage)) << "timings lack '" << stage << "': " << json.at("timings").dump();
	EXPECT_GT(json.at("timings").at("workloads").get<double>(), 0);

	ASSERT_TRUE(std::filesystem::exists(output + "/junit.xml"));
	std::string junit = read_whole_file(output + "/junit.xml");
	EXPECT_NE(junit.find("tests=\"6\""), std::string::npos) << junit;
	EXPECT_NE(junit.find("failures=\"0\""), std::string::npos) << junit;
}

}  // namespace
}  // namespace kmh::integration
