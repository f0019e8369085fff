// Tests reading the minimum effect ("2%") from the command line and a scenario's [compare] table.
#include <gtest/gtest.h>

#include "common/error.h"
#include "compare/min_effect.h"

namespace kmh {
namespace {

TEST(CompareMinEffect, ParsesPercentages)
{
	EXPECT_DOUBLE_EQ(parse_percent("2%", "--min-effect"), 2.0);
	EXPECT_DOUBLE_EQ(parse_percent(" 0.5 % ", "--min-effect"), 0.5);
	for (const char *bad : {"2", "two%", "-1%", "%", "1e2%"}) {
		try {
			parse_percent(bad, "--min-effect");
			ADD_FAILURE() << "accepted: " << bad;
		} catch (const Error &error) {
			EXPECT_EQ(error.code(), ExitCode::invalid_input);
			EXPECT_NE(std::string(error.what()).find("--min-effect"), std::string::npos) << error.what();
		}
	}
}

TEST(CompareMinEffect, OneValueOrOnePerFamily)
{
	EXPECT_FALSE(scenario_min_effect("[scenario]\nname = \"x\"\n", "s.toml").has_value());
	std::optional<MinEffect> all = scenario_min_effect("[compare]\nmin_effect = \"2%\"\n", "s.toml");
	ASSERT_TRUE(all.has_value());
	EXPECT_DOUBLE_EQ(all->for_metric("pcp.drain.events"), 2.0);

	std::optional<MinEffect> families = scenario_min_effect(
		"[compare.min_effect]\ndefault = \"3%\"\n\"slab\" = \"2%\"\n\"slab.kmalloc\" = \"0.5%\"\n", "s.toml");
	ASSERT_TRUE(families.has_value());
	EXPECT_DOUBLE_EQ(families->for_metric("slab.kmalloc.events"), 0.5);  // the longest family wins
	EXPECT_DOUBLE_EQ(families->for_metric("slab.kfree.events"), 2.0);
	EXPECT_DOUBLE_EQ(families->for_metric("slabinfo.active_objs"), 3.0);  // "slab" is not a prefix of "slabinfo"
	EXPECT_DOUBLE_EQ(families->for_metric("slab"), 2.0);
}

TEST(CompareMinEffect, RejectsOtherShapes)
{
	for (const char *bad : {"[compare]\nmin_effect = 2\n", "[compare]\nmin_effect = \"2\"\n",
				"[compare.min_effect]\nslab = 1\n"}) {
		try {
			scenario_min_effect(bad, "s.toml");
			ADD_FAILURE() << "accepted: " << bad;
		} catch (const Error &error) {
			EXPECT_EQ(error.code(), ExitCode::invalid_input);
			EXPECT_NE(std::string(error.what()).find("s.toml"), std::string::npos) << error.what();
		}
	}
}

}  // namespace
}  // namespace kmh
