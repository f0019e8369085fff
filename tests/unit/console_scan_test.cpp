// Tests of finding kernel crash lines on a guest's console (harness/vm/console_scan.h).
#include <gtest/gtest.h>

#include "vm/console_scan.h"

namespace kmh {
namespace {

TEST(ConsoleScan, RecognisesCrashMessages)
{
	EXPECT_TRUE(is_crash_line("[   12.345678] BUG: kernel NULL pointer dereference, address: 0000000000000008"));
	EXPECT_TRUE(is_crash_line("[   12.345700] Oops: 0002 [#1] PREEMPT SMP NOPTI"));
	EXPECT_TRUE(is_crash_line("[    3.000001] kernel BUG at mm/slub.c:435!"));
	EXPECT_TRUE(is_crash_line("[    3.100000] Kernel panic - not syncing: Fatal exception"));
	EXPECT_TRUE(is_crash_line("[    4.2] general protection fault, probably for non-canonical address 0xdead"));
	EXPECT_TRUE(is_crash_line("[   80.000000] watchdog: BUG: soft lockup - CPU#1 stuck for 26s!"));
}

TEST(ConsoleScan, IgnoresOrdinaryAndNonKernelLines)
{
	EXPECT_FALSE(is_crash_line("[    2.654317] Run /init as init process"));
	EXPECT_FALSE(is_crash_line("[    1.000000] WARNING: CPU: 0 PID: 1 at mm/page_alloc.c:5000"));
	EXPECT_FALSE(is_crash_line("BUG: this is the harness printing a scenario description"));
	EXPECT_FALSE(is_crash_line("[kmemharness] phase 1: running bounce"));
	EXPECT_FALSE(is_crash_line(""));
}

TEST(ConsoleScan, KernelMessagesCarryATimeStamp)
{
	EXPECT_TRUE(is_kernel_message("[    0.000000] Linux version 6.1.0-56-amd64"));
	EXPECT_FALSE(is_kernel_message("kmemharness-guest: init ready"));
	EXPECT_FALSE(is_kernel_message("[kmemharness] attaching BPF collectors"));
}

TEST(ConsoleScan, ExcerptStartsAtTheFirstCrashLine)
{
	std::vector<std::string> console = { "[    2.6] Run /init as init process", "kmemharness-guest: init ready",
					     "[    5.1] BUG: unable to handle page fault for address: ffff",
					     "[    5.1] #PF: supervisor write access in kernel mode",
					     "[    5.1] Oops: 0002 [#1] PREEMPT SMP NOPTI", "[    5.1] Call Trace:" };
	std::vector<std::string> excerpt = crash_excerpt(console, 2);
	ASSERT_EQ(excerpt.size(), 3u);
	EXPECT_EQ(excerpt.front(), console[2]);
	EXPECT_EQ(excerpt.back(), console[4]);
	EXPECT_TRUE(crash_excerpt({ console[0], console[1] }, 10).empty());
}

// Seen on a 6.12 built from linux-source (2026-12-03): the marker then tsc's message, one line.
TEST(ConsoleScan, AKernelMessageInsideAGuestLineIsALineOfItsOwn)
{
	std::string glued = "kmemharness-guest: init ready[    2.339072] tsc: Refined TSC clocksource calibration";
	EXPECT_EQ(split_interleaved_message(glued),
		  (std::vector<std::string>{ "kmemharness-guest: init ready",
					     "[    2.339072] tsc: Refined TSC clocksource calibration" }));
	EXPECT_EQ(split_interleaved_message("[    2.3] a [1] b"), (std::vector<std::string>{ "[    2.3] a [1] b" }));
	EXPECT_EQ(split_interleaved_message("QUJD[x] no time stamp"), (std::vector<std::string>{ "QUJD[x] no time stamp" }));
	EXPECT_EQ(split_interleaved_message(""), (std::vector<std::string>{ "" }));
}

TEST(ConsoleScan, LinesLoseTheirCarriageReturn)
{
	EXPECT_EQ(console_line("kmemharness-guest: init ready\r"), "kmemharness-guest: init ready");
	EXPECT_EQ(console_line("plain"), "plain");
	EXPECT_EQ(console_line("\033[?7l\033[2J\033[0mSeaBIOS (version 1.16.2)\r"), "SeaBIOS (version 1.16.2)");
}

}  // namespace
}  // namespace kmh
