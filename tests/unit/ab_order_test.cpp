// Tests ab's balanced round orders, the position test of the comparison, and the git bisect exit codes.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/ab_schedule.h"
#include "common/bisect_exit.h"
#include "compare/compare_report.h"
#include "compare/json_report.h"
#include "compare/order_effects.h"
#include "compare/terminal_report.h"

namespace kmh {
namespace {

TEST(AbSchedule, AlternateSwapsTheSidesEveryRound)
{
	EXPECT_EQ(ab_schedule(5, AbOrder::alternate, 0), (std::vector<std::string>{"AB", "BA", "AB", "BA", "AB"}));
}

TEST(AbSchedule, RandomBalancesEveryPairAndRepeatsForASeed)
{
	for (std::uint64_t seed : {1u, 2u, 3u, 42u}) {
		std::vector<std::string> order = ab_schedule(8, AbOrder::random, seed);
		EXPECT_EQ(order, ab_schedule(8, AbOrder::random, seed));
		for (std::size_t pair = 0; pair < 8; pair += 2)
			EXPECT_NE(order[pair], order[pair + 1]) << seed;
	}
	// Some seed starts a pair with BA: the order is not just alternate.
	bool some_ba_first = false;
	for (std::uint64_t seed = 0; seed < 16; ++seed)
		some_ba_first |= ab_round_order(0, AbOrder::random, seed) == "BA";
	EXPECT_TRUE(some_ba_first);
}

TEST(BisectExit, FollowsGitBisectRun)
{
	EXPECT_EQ(bisect_exit_code(0, BisectCrash::bad), 0);
	EXPECT_EQ(bisect_exit_code(1, BisectCrash::bad), 1);
	EXPECT_EQ(bisect_exit_code(2, BisectCrash::bad), 128);
	EXPECT_EQ(bisect_exit_code(3, BisectCrash::bad), 125);
	EXPECT_EQ(bisect_exit_code(4, BisectCrash::bad), 125);
	EXPECT_EQ(bisect_exit_code(5, BisectCrash::bad), 1);
	EXPECT_EQ(bisect_exit_code(5, BisectCrash::skip), 125);
}

RunSet side(const std::string &label, const std::vector<double> &fallbacks)
{
	RunSet set{label, {}};
	for (double value : fallbacks) {
		LoadedRun run;
		run.path = label + "/result.json";
		run.result.scenario.name = "sparse";
		run.result.system.kernel_release = "6.18.0";
		run.result.metrics.add("extfrag.events", {{"scope", "workload"}}, value);
		run.result.metrics.add("page.alloc.events", {{"scope", "workload"}}, 1000 + value / 100);
		set.runs.push_back(run);
	}
	return set;
}

// The experiment in numbers: whichever side runs first in a round falls back ~170 times,
// the second ~0. Rounds AB BA AB BA: A = first, second, first, second; B the other way round.
CompareReport carry_over_report()
{
	RunOrder order{"alternate", std::nullopt, {"AB", "BA", "AB", "BA"}, {"memory compacted"}, {"pageblock migratetypes"}, ""};
	return build_compare_report(side("baseline", {173, 1, 175, 0}), side("candidate", {0, 174, 1, 172}), {}, {}, order);
}

const MetricComparison &row_named(const CompareReport &report, const std::string &selector)
{
	auto found = std::find_if(report.metrics.begin(), report.metrics.end(),
				  [&](const MetricComparison &row) { return row.selector() == selector; });
	EXPECT_NE(found, report.metrics.end()) << selector;
	return *found;
}

TEST(PositionTest, CarryOverIsAPositionEffectNotATreatmentEffect)
{
	CompareReport report = carry_over_report();
	const MetricComparison &row = row_named(report, "extfrag.events{scope=workload}");
	ASSERT_TRUE(row.position.has_value());
	// First runs {173, 175, 174, 172} against second {1, 0, 0, 1}: 4 against 4, apart: exact 2/70.
	EXPECT_NEAR(row.position->p_value, 2.0 / 70, 1e-12);
	EXPECT_EQ(row.position->decision, Decision::changed);
	EXPECT_NE(row.stats.decision, Decision::changed);
	EXPECT_EQ(position_effect_rows(report.metrics).size(), 1u);
	std::string text = terminal_report(report, Color::off);
	EXPECT_LT(text.find("ORDER EFFECT"), text.find("metric  ")) << text;
	EXPECT_NE(text.find("position effect: extfrag.events{scope=workload} is 173.5 in the first run of a round and 0.5 in "
			    "the second"), std::string::npos) << text;
	EXPECT_NE(text.find("not reset (carries over from one run to the next): pageblock migratetypes"), std::string::npos);
	EXPECT_NE(text.find("fresh guest per run"), std::string::npos);
	nlohmann::json json = compare_report_json(report);
	EXPECT_EQ(json.at("order").at("rounds"), (std::vector<std::string>{"AB", "BA", "AB", "BA"}));
	EXPECT_EQ(json.at("order").at("position_effects").size(), 1u);
}

TEST(PositionTest, NoOrderNoPositionTest)
{
	CompareReport report = build_compare_report(side("baseline", {1, 2, 3}), side("candidate", {1, 2, 3}), {});
	EXPECT_FALSE(report.metrics.front().position.has_value());
	EXPECT_TRUE(compare_report_json(report).at("order").is_null());
}

}  // namespace
}  // namespace kmh
