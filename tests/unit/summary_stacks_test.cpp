// Tests of the summary's stacks section: one line per stack a collector singled out, none without.
#include "report/summary.h"

#include <gtest/gtest.h>

namespace kmh {
namespace {

TEST(SummaryStacks, OneLinePerStackWithBytesAndAllocations)
{
	RunResult result;
	result.stacks = {{"malloc", "kmh_leak_known_path <- main", 4096000, 1000, {}},
			 {"malloc", "operator new <- main", 692, 5, {}}};
	std::string text = summary_text(result, false);
	EXPECT_NE(text.find("Stacks holding memory at readout"), std::string::npos) << text;
	EXPECT_NE(text.find("4,096,000        1,000  malloc     kmh_leak_known_path <- main"), std::string::npos) << text;
	EXPECT_NE(text.find("      692            5  malloc     operator new <- main"), std::string::npos) << text;
}

TEST(SummaryStacks, NoSectionWithoutStacks)
{
	EXPECT_EQ(summary_text(RunResult{}, false).find("Stacks"), std::string::npos);
}

}  // namespace
}  // namespace kmh
