// Tests of decoding what the guest sends on its second serial port (harness/vm/guest_output.h).
#include <gtest/gtest.h>

#include "common/error.h"
#include "vm/guest_output.h"

namespace kmh {
namespace {

TEST(GuestOutput, DecodesExitCodeAndPayload)
{
	// "hello world\n" in base64, split over two lines with the tty's carriage returns.
	GuestOutput output = parse_guest_output("kmemharness-exit-code 1\r\n"
						"kmemharness-output-begin\r\n"
						"aGVsbG8g\r\n"
						"d29ybGQK\r\n"
						"kmemharness-output-end\r\n");
	EXPECT_TRUE(output.complete);
	EXPECT_EQ(output.exit_code, 1);
	EXPECT_EQ(output.tar, "hello world\n");
}

TEST(GuestOutput, RemovesBase64Padding)
{
	GuestOutput output = parse_guest_output("kmemharness-output-begin\nYWI=\nkmemharness-output-end\n");
	EXPECT_EQ(output.tar, "ab");
	EXPECT_FALSE(output.exit_code.has_value());
}

TEST(GuestOutput, CutOffTransferIsIncomplete)
{
	GuestOutput output = parse_guest_output("kmemharness-exit-code 0\nkmemharness-output-begin\naGVsbG8g\n");
	EXPECT_FALSE(output.complete);
	EXPECT_EQ(output.exit_code, 0);
	EXPECT_TRUE(output.tar.empty());
	EXPECT_FALSE(parse_guest_output("").complete);
}

TEST(GuestOutput, GarbledBase64IsARunError)
{
	try {
		parse_guest_output("kmemharness-output-begin\naGVsbG8*\nkmemharness-output-end\n");
		ADD_FAILURE() << "garbled base64 accepted";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::run_failed);
	}
}

}  // namespace
}  // namespace kmh
