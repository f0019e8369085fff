// --tap prints TAP 13 on stdout: the version line, a plan for every assertion, and one ok per passing one.
#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

TEST(TapOutput, PrintsVersionPlanAndTestPointsOnStdout)
{
	ScratchDir scratch;
	ProcessOutcome run =
		run_kmemharness({"run", test_scenario("tap_two_assertions.toml"), "--output", scratch / "out", "--tap"});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	EXPECT_EQ(run.out.rfind("TAP version 13\n1..2\n", 0), 0u) << describe(run);
	EXPECT_NE(run.out.find("\nok 1 - the workload bounced 16 MiB\n"), std::string::npos) << describe(run);
	EXPECT_NE(run.out.find("\nok 2 - each bounced page was an allocation\n"), std::string::npos) << describe(run);
	EXPECT_EQ(run.out.find("not ok"), std::string::npos) << describe(run);
	// The readable summary goes to stderr so that stdout stays valid TAP.
	EXPECT_EQ(run.out.find("results:"), std::string::npos) << describe(run);
}

}  // namespace
}  // namespace kmh::integration
