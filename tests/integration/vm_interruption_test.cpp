// Signals to a VM run: SIGINT stops the guest and leaves an incomplete result, SIGKILL leaves no QEMU running.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "machine_state.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

using namespace std::chrono_literals;

// A VM run of the long bounce, followed until its guest reached /init and its QEMU was seen.
class BootedVmRun : public testing::Test {
protected:
	void SetUp() override
	{
		TestKernel kernel = test_kernel();
		KMH_SKIP_OR_FAIL_IF(kernel.gap);
		run_ = std::make_unique<ChildProcess>(std::vector<std::string>{ kmemharness_binary(), "run", "--kernel",
			kernel.image, "--accel", "tcg", test_scenario("bounce_long.toml"), "--output", scratch_ / "out" });
		auto deadline = std::chrono::steady_clock::now() + 120s;
		while (run_->output_open() && std::chrono::steady_clock::now() < deadline &&
		       run_->error_so_far().find("reached /init") == std::string::npos)
			run_->pump_output_for(100ms);
		qemu_ = processes_mentioning(work_dir_marker());
		if (qemu_.empty()) {
			ProcessOutcome ended = run_->wait(30s);
			KMH_SKIP_OR_FAIL_IF(environment_gap(ended));
			FAIL() << "no QEMU of run " << run_->pid() << " after boot: " << describe(ended);
		}
		for (const std::string &argument : qemu_.front().argv)
			if (argument.starts_with("file:") && argument.ends_with("/console.log"))
				work_dir_ = std::filesystem::path(argument.substr(5)).parent_path();
		ASSERT_FALSE(work_dir_.empty()) << "QEMU has no -serial file:…/console.log argument";
	}

	// QEMU's console file lives in the run's work folder, <cache>/run-<harness pid>/.
	std::string work_dir_marker() const { return "/run-" + std::to_string(run_->pid()) + "/"; }

	// Whether a QEMU of this run is still alive within `limit`.
	bool qemu_outlives(std::chrono::milliseconds limit) const
	{
		for (auto waited = 0ms; waited <= limit; waited += 100ms) {
			if (processes_mentioning(work_dir_marker()).empty())
				return false;
			std::this_thread::sleep_for(100ms);
		}
		return true;
	}

	ScratchDir scratch_;
	std::unique_ptr<ChildProcess> run_;
	std::vector<RunningProcess> qemu_;
	std::filesystem::path work_dir_;
};

TEST_F(BootedVmRun, SigintStopsTheGuestAndWritesAnIncompleteResult)
{
	run_->send_signal(SIGINT);
	ProcessOutcome outcome = run_->wait(30s);
	ASSERT_FALSE(outcome.timed_out) << describe(outcome);
	EXPECT_EQ(outcome.exit_code, exit_status::run_failed) << describe(outcome);
	EXPECT_LT(outcome.seconds, 150);
	EXPECT_FALSE(qemu_outlives(0ms)) << "QEMU " << qemu_.front().pid << " still runs";
	EXPECT_FALSE(std::filesystem::exists(work_dir_)) << work_dir_ << " was left";
	ResultFile result(scratch_ / "out/result.json");
	EXPECT_EQ(result.json().at("complete"), false);
	EXPECT_EQ(result.json().at("status"), "interrupted");
	EXPECT_EQ(result.json().at("exit_code"), exit_status::run_failed);
	EXPECT_NE(result.json().at("errors").dump().find("interrupted by signal 2"), std::string::npos)
		<< result.json().at("errors");
}

TEST_F(BootedVmRun, SigkillOfTheHarnessTakesQemuWithIt)
{
	run_->send_signal(SIGKILL);
	ProcessOutcome outcome = run_->wait(10s);
	EXPECT_EQ(outcome.term_signal, SIGKILL) << describe(outcome);
	EXPECT_FALSE(qemu_outlives(2000ms)) << "QEMU " << qemu_.front().pid << " outlived the SIGKILLed harness";
}

}  // namespace
}  // namespace kmh::integration
