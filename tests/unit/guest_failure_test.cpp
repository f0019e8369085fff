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
	GuestRun hung = booted_run({ "kmemharness-guest: init ready" });
	hung.end = GuestEnd::run_timeout;
	std::optional<GuestFailure> failure = guest_failure(hung, "tcg", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::kernel_crashed);
	EXPECT_NE(failure->errors.front().find("the guest hung"), std::string::npos);
	EXPECT_NE(failure->errors.front().find("300 s"), std::string::npos);

	GuestRun stalled;
	stalled.console = { "[    1.2] smpboot: Allowing 2 CPUs, 0 hotplug CPUs" };
	stalled.end = GuestEnd::boot_timeout;
	failure = guest_failure(stalled, "kvm", deadlines);
	ASSERT_TRUE(failure);
	EXPECT_EQ(failure->code, ExitCode::kernel_crashed);
	EXPECT_NE(failure->errors.front().find("did not reach /init"), std::string::npos);
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
