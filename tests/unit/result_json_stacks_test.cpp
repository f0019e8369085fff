// Tests of the stacks[] part of result.json: frames with hex addresses, read back as written.
#include "report/result_json.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace kmh {
namespace {

RunResult result_with_a_stack()
{
	RunResult result;
	result.stacks = {{"malloc", "kmh_leak_known_path <- main", 4096000, 1000,
			  {{0x55d0c0a01708, "kmh_leak_known_path", 40, "/usr/bin/kmemharness"},
			   {0x55d0c0a02101, "main", 65, "/usr/bin/kmemharness"},
			   {0x5, "", 0, ""}}}};
	return result;
}

TEST(ResultJsonStacks, FramesCarryHexAddressesSymbolOffsetAndModule)
{
	nlohmann::json document = result_to_json(result_with_a_stack());
	const nlohmann::json &stack = document["stacks"][0];
	EXPECT_EQ(stack["collector"], "malloc");
	EXPECT_EQ(stack["stack"], "kmh_leak_known_path <- main");
	EXPECT_EQ(stack["bytes"], 4096000);
	EXPECT_EQ(stack["allocations"], 1000);
	EXPECT_EQ(stack["frames"][0]["address"], "0x55d0c0a01708");
	EXPECT_EQ(stack["frames"][0]["symbol"], "kmh_leak_known_path");
	EXPECT_EQ(stack["frames"][0]["offset"], 40);
	EXPECT_EQ(stack["frames"][0]["module"], "/usr/bin/kmemharness");
	EXPECT_EQ(stack["frames"][2]["address"], "0x5");
}

TEST(ResultJsonStacks, ReadBackAsWritten)
{
	RunResult read = result_from_json(nlohmann::json::parse(result_to_json(result_with_a_stack()).dump()));
	ASSERT_EQ(read.stacks.size(), 1u);
	const CollectedStack &stack = read.stacks[0];
	EXPECT_EQ(stack.stack, "kmh_leak_known_path <- main");
	EXPECT_EQ(stack.bytes, 4096000);
	ASSERT_EQ(stack.frames.size(), 3u);
	EXPECT_EQ(stack.frames[0].address, 0x55d0c0a01708u);
	EXPECT_EQ(stack.frames[1].symbol, "main");
	EXPECT_EQ(stack.frames[1].offset, 65u);
	EXPECT_EQ(stack.frames[2].module, "");
}

TEST(ResultJsonStacks, AResultWithoutStacksHasAnEmptyList)
{
	EXPECT_TRUE(result_to_json(RunResult{})["stacks"].empty());
	nlohmann::json document = result_to_json(RunResult{});
	document.erase("stacks");
	EXPECT_TRUE(result_from_json(document).stacks.empty());
}

TEST(ResultJsonStacks, RejectsAnAddressThatIsNotHex)
{
	nlohmann::json document = result_to_json(result_with_a_stack());
	document["stacks"][0]["frames"][1]["address"] = "4198400";
	try {
		result_from_json(document);
		FAIL() << "a decimal address was accepted";
	} catch (const Error &error) {
		EXPECT_NE(std::string(error.what()).find("stacks[0].frames[1].address"), std::string::npos) << error.what();
	}
}

}  // namespace
}  // namespace kmh
