// A scenario whose timeout is shorter than its workload stops at the timeout with exit 4 and says why.
#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

TEST(Timeout, RunStopsAtTheScenarioTimeoutWithExit4)
{
	ScratchDir scratch;
	std::string output = scratch / "out";
	ProcessOutcome run = run_kmemharness({"run", test_scenario("bounce_timeout.toml"), "--output", output});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	EXPECT_EQ(run.exit_code, exit_status::run_failed) << describe(run);
	// The workload would run for minutes; the 1 s timeout plus start-up and cleanup must end it well before.
	EXPECT_LT(run.seconds, 10) << describe(run);

	ResultFile result(output + "/result.json");
	EXPECT_EQ(result.json().at("complete"), false);
	EXPECT_EQ(result.json().at("status"), "run_failed");
	EXPECT_EQ(result.json().at("exit_code"), exit_status::run_failed);
	EXPECT_NE(result.json().at("errors").dump().find("timeout"), std::string::npos) << result.json().at("errors");
	EXPECT_NE(run.err.find("timeout"), std::string::npos) << describe(run);
}

}  // namespace
}  // namespace kmh::integration
