// Tests of splitting a guest's console into each scenario's part (harness/vm/scenario_console.h).
#include "vm/scenario_console.h"

#include <gtest/gtest.h>

namespace kmh {
namespace {

const std::vector<std::string> console = { "[    2.1] Run /init as init process", "kmemharness-guest: init ready",
					   "kmemharness-scenario-begin 2", "guest line a", "kmemharness-output-end",
					   "kmemharness-scenario-begin 3", "[   9.0] Oops: 0000 [#1] SMP" };

TEST(ScenarioConsole, BootLinesAreEverythingBeforeTheFirstScenario)
{
	EXPECT_EQ(boot_console(console),
		  (std::vector<std::string>{ "[    2.1] Run /init as init process", "kmemharness-guest: init ready" }));
}

TEST(ScenarioConsole, EachPartHoldsItsLinesAndWhereTheyStart)
{
	std::vector<ScenarioConsole> parts = split_console_by_scenario(console);
	ASSERT_EQ(parts.size(), 2u);
	EXPECT_EQ(parts[0].index, 2u);
	EXPECT_EQ(parts[0].first_line, 3u);
	EXPECT_EQ(parts[0].lines, (std::vector<std::string>{ "guest line a", "kmemharness-output-end" }));
	EXPECT_EQ(parts[1].index, 3u);
	EXPECT_EQ(parts[1].lines, (std::vector<std::string>{ "[   9.0] Oops: 0000 [#1] SMP" }));
}

TEST(ScenarioConsole, ABeginLineWithoutANumberStaysInThePartBefore)
{
	std::vector<ScenarioConsole> parts =
		split_console_by_scenario({ "kmemharness-scenario-begin 0", "kmemharness-scenario-begin x1", "z" });
	ASSERT_EQ(parts.size(), 1u);
	EXPECT_EQ(parts[0].lines, (std::vector<std::string>{ "kmemharness-scenario-begin x1", "z" }));
}

TEST(ScenarioConsole, NoScenarioBegunGivesNoParts)
{
	EXPECT_TRUE(split_console_by_scenario({ "kmemharness-guest: init ready" }).empty());
}

}  // namespace
}  // namespace kmh
