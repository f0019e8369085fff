// Two host runs at once: the second waits for the machine (or exits 3 with --no-wait), the sysctl ends as it was, folders differ.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <set>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "machine_state.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

using namespace std::chrono_literals;

// A measuring run that holds the machine: sysctl_long, started and seen to have set its sysctl.
class HeldMachine : public testing::Test {
protected:
	void SetUp() override
	{
		holder_ = std::make_unique<ChildProcess>(std::vector<std::string>{
			kmemharness_binary(), "run", test_scenario("sysctl_long.toml"), "--output", scratch_ / "holder" });
		if (!wait_for_file_value(*holder_, pcp_sysctl_file, "8192", 20s)) {
			ProcessOutcome ended = holder_->wait(30s);
			KMH_SKIP_OR_FAIL_IF(environment_gap(ended));
			FAIL() << "the holding run never set its sysctl: " << describe(ended);
		}
	}

	PcpSysctlRestorer restorer_;
	ScratchDir scratch_;
	std::unique_ptr<ChildProcess> holder_;
};

TEST_F(HeldMachine, NoWaitRunExits3NamingTheHolder)
{
	ProcessOutcome refused =
		run_kmemharness({ "run", "--no-wait", test_scenario("bounce_small.toml"), "--output", scratch_ / "refused" });
	EXPECT_EQ(refused.exit_code, exit_status::environment) << describe(refused);
	EXPECT_NE(refused.err.find("pid " + std::to_string(holder_->pid()) + " is measuring on this machine"),
		  std::string::npos)
		<< refused.err;
	EXPECT_EQ(read_first_line(pcp_sysctl_file), "8192") << "the refused run touched the holder's sysctl";
	holder_->send_signal(SIGINT);
	EXPECT_EQ(holder_->wait(30s).exit_code, exit_status::run_failed);
	EXPECT_EQ(read_first_line(pcp_sysctl_file), restorer_.original());
}

// The second run waits with a progress line, measures once the first is done, and the sysctl is
// the original at the end: neither run took the other's value for the original.
TEST_F(HeldMachine, SecondRunWaitsThenRunsAndTheSysctlEndsAsItWas)
{
	ChildProcess waiting({ kmemharness_binary(), "run", test_scenario("bounce_small.toml"), "--output",
			       scratch_ / "waiting" });
	waiting.pump_output_for(1500ms);
	ASSERT_TRUE(waiting.output_open()) << "the second run did not wait: " << waiting.error_so_far();
	EXPECT_NE(waiting.error_so_far().find("waiting for kmemharness pid " + std::to_string(holder_->pid())),
		  std::string::npos)
		<< waiting.error_so_far();
	EXPECT_FALSE(std::filesystem::exists(scratch_ / "waiting/result.json"));
	holder_->send_signal(SIGINT);
	ProcessOutcome holder = holder_->wait(30s);
	EXPECT_EQ(holder.exit_code, exit_status::run_failed) << describe(holder);
	ProcessOutcome second = waiting.wait(60s);
	EXPECT_EQ(second.exit_code, exit_status::passed) << describe(second);
	EXPECT_EQ(read_first_line(pcp_sysctl_file), restorer_.original());
	EXPECT_FALSE(std::filesystem::exists(sysctl_journal_file));
}

// Two runs started together without --output get two default folders, each with its result.
TEST(ConcurrentRuns, DefaultFoldersOfRunsStartedTogetherDiffer)
{
	ScratchDir scratch;
	std::string command = "cd '" + scratch.path().string() + "' && exec '" + kmemharness_binary() + "' run -q '" +
			      test_scenario("bounce_small.toml") + "'";
	ChildProcess first({ "sh", "-c", command });
	ChildProcess second({ "sh", "-c", command });
	ProcessOutcome one = first.wait(90s), two = second.wait(90s);
	KMH_SKIP_OR_FAIL_IF(environment_gap(one));
	EXPECT_EQ(one.exit_code, exit_status::passed) << describe(one);
	EXPECT_EQ(two.exit_code, exit_status::passed) << describe(two);
	std::set<std::string> folders;
	for (const auto &entry : std::filesystem::directory_iterator(scratch.path() / "results/bounce_small")) {
		folders.insert(entry.path().filename().string());
		EXPECT_TRUE(std::filesystem::exists(entry.path() / "result.json")) << entry.path();
	}
	EXPECT_EQ(folders.size(), 2u);
}

}  // namespace
}  // namespace kmh::integration
