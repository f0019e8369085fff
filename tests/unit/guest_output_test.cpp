// Tests of decoding what the guest sends home on its console (harness/vm/guest_output.h).
#include <gtest/gtest.h>

#include "common/error.h"
#include "vm/guest_output.h"

namespace kmh {
namespace {

TEST(GuestOutput, DecodesExitCodeAndPayload)
{
	// "hello world\n" in base64, split over two lines, after the guest's own console lines.
	GuestOutput output = parse_guest_output({ "[    2.1] Run /init as init process", "kmemharness-guest: init ready",
						  "kmemharness-exit-code 1", "kmemharness-output-begin", "aGVsbG8g",
						  "d29ybGQK", "kmemharness-output-end" });
	EXPECT_TRUE(output.complete);
	EXPECT_EQ(output.exit_code, 1);
	EXPECT_EQ(output.tar, "hello world\n");
}

TEST(GuestOutput, SkipsAKernelMessageInsideTheFrame)
{
	GuestOutput output = parse_guest_output({ "kmemharness-output-begin", "aGVsbG8g",
						  "[   12.345678] watchdog: BUG: soft lockup - CPU#1 stuck for 22s!",
						  "d29ybGQK", "kmemharness-output-end" });
	EXPECT_EQ(output.tar, "hello world\n");
}

TEST(GuestOutput, RemovesBase64Padding)
{
	GuestOutput output = parse_guest_output({ "kmemharness-output-begin", "YWI=", "kmemharness-output-end" });
	EXPECT_EQ(output.tar, "ab");
	EXPECT_FALSE(output.exit_code.has_value());
}

TEST(GuestOutput, CutOffTransferIsIncomplete)
{
	GuestOutput output = parse_guest_output({ "kmemharness-exit-code 0", "kmemharness-output-begin", "aGVsbG8g" });
	EXPECT_FALSE(output.complete);
	EXPECT_EQ(output.exit_code, 0);
	EXPECT_TRUE(output.tar.empty());
	EXPECT_FALSE(parse_guest_output({}).complete);
}

TEST(GuestOutput, GarbledBase64IsARunError)
{
	try {
		parse_guest_output({ "kmemharness-output-begin", "aGVsbG8", "kmemharness-output-end" });
		ADD_FAILURE() << "base64 with a character lost accepted";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::run_failed);
	}
}

TEST(GuestOutput, ConsoleLogKeepsEverythingButTheBase64)
{
	std::vector<std::string> kept = console_without_output(
		{ "kmemharness-guest: init ready", "kmemharness-exit-code 0", "kmemharness-output-begin", "aGVsbG8g",
		  "d29ybGQK", "kmemharness-output-end", "[    9.1] reboot: Power down" });
	std::vector<std::string> expected = { "kmemharness-guest: init ready", "kmemharness-exit-code 0",
					      "kmemharness-output-begin",
					      "[2 lines of base64 output taken into the output folder]",
					      "kmemharness-output-end", "[    9.1] reboot: Power down" };
	EXPECT_EQ(kept, expected);
}

}  // namespace
}  // namespace kmh
