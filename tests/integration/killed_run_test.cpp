// A SIGKILLed host run: the sysctl it set and the cgroups it made are undone by the next run's start.
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "machine_state.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

using namespace std::chrono_literals;

const std::string changed_value = "8192";  // what sysctl_long.toml sets

TEST(KilledRun, NextRunRestoresTheSysctlItLeftChanged)
{
	PcpSysctlRestorer restorer;
	ASSERT_NE(restorer.original(), changed_value) << "the sysctl already has the value the test sets";
	ScratchDir scratch;
	ChildProcess killed({ kmemharness_binary(), "run", test_scenario("sysctl_long.toml"), "--output",
			      scratch / "killed" });
	if (!wait_for_file_value(killed, pcp_sysctl_file, changed_value, 20s)) {
		ProcessOutcome ended = killed.wait(30s);
		KMH_SKIP_OR_FAIL_IF(environment_gap(ended));
		FAIL() << "the run never set the sysctl: " << describe(ended);
	}
	killed.send_signal(SIGKILL);
	ASSERT_EQ(killed.wait(10s).term_signal, SIGKILL);
	ASSERT_EQ(read_first_line(pcp_sysctl_file), changed_value) << "the killed run restored the sysctl itself";
	EXPECT_TRUE(std::filesystem::exists(sysctl_journal_file)) << "the killed run left no journal";

	ProcessOutcome next = run_kmemharness({ "run", test_scenario("bounce_small.toml"), "--output", scratch / "next" });
	EXPECT_EQ(next.exit_code, exit_status::passed) << describe(next);
	EXPECT_EQ(read_first_line(pcp_sysctl_file), restorer.original());
	EXPECT_NE(next.err.find("restored sysctl vm.percpu_pagelist_high_fraction to " + restorer.original()),
		  std::string::npos)
		<< next.err;
	EXPECT_FALSE(std::filesystem::exists(sysctl_journal_file));
}

// The v1 memory cgroup of a killed [cgroup] run goes at the next start of any run.
TEST(KilledRun, NextRunRemovesAStaleV1MemoryCgroup)
{
	const std::string memory_mount = "/sys/fs/cgroup/memory";
	if (!std::filesystem::exists(memory_mount + "/memory.limit_in_bytes"))
		GTEST_SKIP() << "no cgroup v1 memory hierarchy at " << memory_mount;
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, nullptr, 0);
	std::string stale = memory_mount + "/kmemharness." + std::to_string(dead);
	ASSERT_EQ(mkdir(stale.c_str(), 0755), 0) << stale;
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({ "run", test_scenario("bounce_small.toml"), "--output", scratch / "out" });
	EXPECT_EQ(run.exit_code, exit_status::passed) << describe(run);
	EXPECT_FALSE(std::filesystem::exists(stale)) << stale << " was left";
	rmdir(stale.c_str());
}

}  // namespace
}  // namespace kmh::integration
