// The result folder agrees with the exit code: a failed write leaves no passing verdict, exit 2 leaves no folder.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

// junit.xml cannot be put in place (a folder with a file in it is there): exit 4, and result.json
// says so instead of "passed".
TEST(ResultConsistency, UnwritableJunitGivesExit4AndAResultJsonThatSaysSo)
{
	ScratchDir scratch;
	std::filesystem::create_directories(scratch / "out/junit.xml");
	std::ofstream(scratch / "out/junit.xml/keep") << "x";
	ProcessOutcome run = run_kmemharness({ "run", test_scenario("bounce_small.toml"), "--output", scratch / "out" });
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	EXPECT_EQ(run.exit_code, exit_status::run_failed) << describe(run);
	EXPECT_NE(run.err.find("junit.xml"), std::string::npos) << run.err;
	ResultFile result(scratch / "out/result.json");
	EXPECT_EQ(result.json().at("complete"), false);
	EXPECT_EQ(result.json().at("status"), "run_failed");
	EXPECT_EQ(result.json().at("exit_code"), exit_status::run_failed);
}

// An image that is not a kernel is invalid input: exit 2, and no default result folder appears.
TEST(ResultConsistency, KernelThatIsNotAnImageExits2WithoutAResultFolder)
{
	ScratchDir scratch;
	ProcessOutcome run = run_process({ "sh", "-c", "cd '" + scratch.path().string() + "' && exec '" +
							       kmemharness_binary() + "' run --kernel /etc/passwd '" +
							       test_scenario("bounce_small.toml") + "'" },
					 std::chrono::seconds(60));
	EXPECT_EQ(run.exit_code, exit_status::invalid_input) << describe(run);
	EXPECT_NE(run.err.find("/etc/passwd"), std::string::npos) << run.err;
	EXPECT_FALSE(std::filesystem::exists(scratch / "results")) << "exit 2 left a result folder";
}

}  // namespace
}  // namespace kmh::integration
