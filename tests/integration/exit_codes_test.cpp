// The exit-code contract: 2 for invalid scenarios (with file:line and suggestions), 1, 3, 4 and a clean validate.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

// The 1-based number of the first line of `path` that starts with `prefix`.
int line_starting_with(const std::string &path, const std::string &prefix)
{
	std::ifstream in(path);
	std::string line;
	for (int number = 1; std::getline(in, line); ++number)
		if (line.rfind(prefix, 0) == 0)
			return number;
	return 0;
}

TEST(ExitCodes, UnknownKeyExits2NamingKeyFileAndLine)
{
	std::string scenario = test_scenario("unknown_key.toml");
	int line = line_starting_with(scenario, "rouns");
	ASSERT_GT(line, 0);
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({"run", scenario, "--output", scratch / "out"});
	EXPECT_EQ(run.exit_code, exit_status::invalid_input) << describe(run);
	EXPECT_NE(run.err.find(scenario + ":" + std::to_string(line) + ":"), std::string::npos) << describe(run);
	EXPECT_NE(run.err.find("'rouns'"), std::string::npos) << describe(run);
	EXPECT_NE(run.err.find("did you mean 'rounds'"), std::string::npos) << describe(run);
}

TEST(ExitCodes, UnknownMetricExits2WithSuggestion)
{
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({"run", test_scenario("unknown_metric.toml"), "--output", scratch / "out"});
	EXPECT_EQ(run.exit_code, exit_status::invalid_input) << describe(run);
	EXPECT_NE(run.err.find("unknown metric 'pcp.drian.events'"), std::string::npos) << describe(run);
	EXPECT_NE(run.err.find("did you mean 'pcp.drain.events'"), std::string::npos) << describe(run);
}

TEST(ExitCodes, FailedAssertionExits1WithFailVerdict)
{
	ScratchDir scratch;
	std::string output = scratch / "out";
	ProcessOutcome run = run_kmemharness({"run", test_scenario("failing_assertion.toml"), "--output", output});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::assertion_failed) << describe(run);
	ResultFile result(output + "/result.json");
	EXPECT_EQ(result.json().at("status"), "failed");
	EXPECT_EQ(result.json().at("complete"), true);
	ASSERT_EQ(result.json().at("assertions").size(), 1u);
	EXPECT_EQ(result.json().at("assertions")[0].at("verdict"), "fail");
}

TEST(ExitCodes, MissingCommandExits3NamingIt)
{
	ScratchDir scratch;
	std::string output = scratch / "out";
	ProcessOutcome run = run_kmemharness({"run", test_scenario("missing_command.toml"), "--output", output});
	EXPECT_EQ(run.exit_code, exit_status::environment) << describe(run);
	EXPECT_NE(run.err.find("no-such-tool-xyz"), std::string::npos) << describe(run);
	ResultFile result(output + "/result.json");
	EXPECT_EQ(result.json().at("status"), "environment");
	EXPECT_EQ(result.json().at("complete"), false);
}

// A folder given as a kernel build tree that holds no built kernel: exit 3 before any boot,
// naming the first file it lacks and the make that makes it.
TEST(ExitCodes, KernelTreeWithoutABuiltKernelExits3NamingWhatIsMissing)
{
	ScratchDir scratch;
	std::filesystem::create_directories(scratch / "tree");
	std::ofstream(scratch / "tree/.config") << "CONFIG_MODULES=y\n";
	ProcessOutcome run = run_kmemharness({"run", "--kernel-tree", scratch / "tree", shipped_scenario("pcpu_bounce.toml"),
					      "--output", scratch / "out"});
	EXPECT_EQ(run.exit_code, exit_status::environment) << describe(run);
	EXPECT_NE(run.err.find("it has no arch/x86/boot/bzImage (make O=DIR bzImage makes it)"), std::string::npos)
		<< describe(run);
}

TEST(ExitCodes, UnexpectedOomKillExits4NamingTheOomKiller)
{
	ScratchDir scratch;
	std::string output = scratch / "out";
	ProcessOutcome run = run_kmemharness({"run", test_scenario("unexpected_oom_kill.toml"), "--output", output});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::run_failed) << describe(run);
	EXPECT_NE(run.err.find("the OOM killer killed the workload process"), std::string::npos) << describe(run);
	EXPECT_NE(run.err.find("expect_oom_kill = true"), std::string::npos) << describe(run);
	ResultFile result(output + "/result.json");
	EXPECT_EQ(result.json().at("complete"), false);
	EXPECT_EQ(result.json().at("workloads")[0].at("status"), "failed");
	EXPECT_EQ(result.json().at("memory_limit").at("memory_max"), 64 << 20);
	std::string limited = result.json().at("memory_limit").at("path");
	EXPECT_FALSE(std::filesystem::exists(limited)) << limited << " was left behind";
}

TEST(ExitCodes, ValidateOfAGoodScenarioExits0)
{
	ProcessOutcome run = run_kmemharness({"validate", shipped_scenario("pcpu_bounce.toml")});
	EXPECT_EQ(run.exit_code, exit_status::passed) << describe(run);
	EXPECT_NE(run.out.find("valid"), std::string::npos) << describe(run);
}

}  // namespace
}  // namespace kmh::integration
