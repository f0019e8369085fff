// Tests of classifying a finished guest as crashed, hung or never booted (harness/vm/guest_failure.h).
#include <gtest/gtest.h>

#include "vm/guest_failure.h"

namespace kmh {
namespace {

const GuestDeadlines deadlines{ 120, 120, 300 };

GuestRun booted_run(std::vector<std::string> console)
{
	GuestRun run;
	run.kernel_started = true;
	run.booted = true;
	run.qemu_exit_status = 0;
	run.console = std::move(console);
	return run;
}

TEST(GuestFailure, CleanPowerOffIsNoFailure)
{
	EXPECT_FALSE(guest_failure(booted_run({ "[    2.6] Run /init as init process", "kmemharness-guest: init ready" }),
				   "tcg", deadlines));
}

TEST(GuestFailure, OopsIsAKernelCrashWithItsLines)
{
	GuestRun run = booted_run({ "kmemharness-guest: init ready", "[    9.1] BUG: kernel NULL pointer dereference",
				    "[    9.1] Oops: 0000 [#1] PREEMPT SMP", "[    9.2] Kernel panic - not syncing: Fatal" });
	std::optional<GuestFailure> failure = guest_failure(run, "tcg", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::kernel_crashed);
	EXPECT_EQ(failure->errors.front(), "the guest kernel crashed; its console lines follow");
	ASSERT_EQ(failure->errors.size(), 4u);
	EXPECT_EQ(failure->errors[1], "[    9.1] BUG: kernel NULL pointer dereference");
	EXPECT_EQ(failure->errors.back(), "[    9.2] Kernel panic - not syncing: Fatal");
}

TEST(GuestFailure, TimeoutsAreKernelFailures)
{
	GuestRun hung = booted_run({ "kmemharness-guest: init ready", "kmemharness-guest: alive" });
	hung.line_seconds = { 3.1, 8.1 };
	hung.total_seconds = 300;
	hung.end = GuestEnd::run_timeout;
	std::optional<GuestFailure> failure = guest_failure(hung, "tcg", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::kernel_crashed);
	EXPECT_NE(failure->errors.front().find("the guest hung"), std::string::npos);
	EXPECT_NE(failure->errors.front().find("300 s"), std::string::npos);
	EXPECT_NE(failure->errors.front().find("silent for the last 292 s"), std::string::npos) << failure->errors.front();
	EXPECT_EQ(failure->errors.back(), "kmemharness-guest: init ready");  // heartbeats are not shown

	GuestRun stalled;
	stalled.console = { "[    1.2] smpboot: Allowing 2 CPUs, 0 hotplug CPUs" };
	stalled.kernel_started = true;
	stalled.line_seconds = { 1.5 };
	stalled.last_output_seconds = 1.5;
	stalled.total_seconds = 120;
	stalled.end = GuestEnd::boot_timeout;
	failure = guest_failure(stalled, "kvm", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::kernel_crashed);
	EXPECT_NE(failure->errors.front().find("did not reach /init"), std::string::npos);

	// Still printing at the boot timeout (a 64-vCPU TCG guest bringing its CPUs up one by one, a
	// part of a line at a time): slow, not stopped.
	GuestRun booting = stalled;
	booting.last_output_seconds = 118.5;
	failure = guest_failure(booting, "tcg", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::run_failed);
	EXPECT_NE(failure->errors.front().find("still booting"), std::string::npos) << failure->errors.front();
}

// No kernel line on the console: QEMU or the host failed, not the kernel under test.
TEST(GuestFailure, SilentGuestIsNoEvidenceAgainstTheKernel)
{
	GuestRun silent;
	silent.end = GuestEnd::boot_timeout;
	std::optional<GuestFailure> failure = guest_failure(silent, "tcg", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::run_failed);
	EXPECT_NE(failure->errors.front().find("printed nothing"), std::string::npos) << failure->errors.front();

	GuestRun stopped;
	stopped.qemu_exit_status = 1;
	stopped.console = { "qemu-system-x86_64: cannot load kernel" };
	failure = guest_failure(stopped, "tcg", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::run_failed);
}

// Under a loaded host a guest can still be working at its deadline: its heartbeat says it had not
// stopped, so the deadline is the host's (4), not a hang of the kernel (5). A console silent for
// three beats before it is a hang.
TEST(GuestFailure, GuestStillBeatingAtItsDeadlineIsNoKernelFailure)
{
	GuestRun slow = booted_run({ "[    2.6] Run /init as init process", "kmemharness-guest: init ready",
				     "kmemharness-guest: alive", "kmemharness-guest: alive" });
	slow.line_seconds = { 2.6, 3.0, 290.0, 295.0 };
	slow.total_seconds = 300;
	slow.end = GuestEnd::run_timeout;
	std::optional<GuestFailure> failure = guest_failure(slow, "tcg", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::run_failed);
	EXPECT_NE(failure->errors.front().find("still running"), std::string::npos) << failure->errors.front();
	EXPECT_NE(failure->errors.front().find("5.0 s before it"), std::string::npos) << failure->errors.front();

	slow.line_seconds = { 2.6, 3.0, 280.0, 284.9 };
	failure = guest_failure(slow, "tcg", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::kernel_crashed) << failure->errors.front();
}

TEST(GuestFailure, InterruptedGuestIsNoFailure)
{
	GuestRun run;
	run.end = GuestEnd::interrupted;
	EXPECT_FALSE(guest_failure(run, "tcg", deadlines));
}

TEST(GuestFailure, StoppingBeforeInitIsAKernelFailure)
{
	GuestRun run;
	run.qemu_exit_status = 0;
	run.console = { "[    2.7] Kernel is not tainted", "[    2.8] reboot: Restarting system" };
	std::optional<GuestFailure> failure = guest_failure(run, "tcg", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::kernel_crashed);
	EXPECT_EQ(failure->errors.back(), "[    2.8] reboot: Restarting system");
}

}  // namespace
}  // namespace kmh
