// Tests the gate rule grammar, the [compare] table of a scenario, and gate evaluation on run sets.
#include <gtest/gtest.h>

#include "common/error.h"
#include "compare/gate_rule.h"

namespace kmh {
namespace {

RunSet drain_runs(const std::string &label, const std::vector<double> &drains)
{
	RunSet set{label, {}};
	for (double drain : drains) {
		LoadedRun run;
		run.result.metrics.add("pcp.drain.events", {{"cpu", "0"}, {"scope", "workload"}}, drain / 2);
		run.result.metrics.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "workload"}}, drain / 2);
		run.result.metrics.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "system"}}, 1e9);
		set.runs.push_back(run);
	}
	return set;
}

TEST(CompareGateRule, ParsesSelectorDirectionThresholdAndSignificance)
{
	GateRule rule = parse_gate_rule("pcp.drain.events{scope=workload, cpu!=3} rises by more than 5% and significant", "--gate");
	EXPECT_EQ(rule.metric, "pcp.drain.events");
	ASSERT_EQ(rule.matchers.size(), 2u);
	EXPECT_EQ(rule.matchers[0].key(), "scope");
	EXPECT_EQ(rule.direction, GateDirection::rises);
	EXPECT_DOUBLE_EQ(rule.threshold_percent, 5.0);
	EXPECT_TRUE(rule.require_significant);

	GateRule falls = parse_gate_rule("workload.stress.bogo_ops falls by more than 2.5 %", "--gate");
	EXPECT_EQ(falls.direction, GateDirection::falls);
	EXPECT_DOUBLE_EQ(falls.threshold_percent, 2.5);
	EXPECT_FALSE(falls.require_significant);
	EXPECT_EQ(parse_gate_rule("extfrag.events changes by more than 10%", "x").direction, GateDirection::changes);
}

TEST(CompareGateRule, RejectsWithTheAcceptedGrammar)
{
	for (const char *bad : {"pcp.drain.events grows by 5%", "pcp.drain.events rises by more than five%",
				"pcp.drain.events{scope=} rises by more than 5%", "1 + 2 rises by more than 5%"}) {
		try {
			parse_gate_rule(bad, "--gate");
			ADD_FAILURE() << "accepted: " << bad;
		} catch (const Error &error) {
			EXPECT_EQ(error.code(), ExitCode::invalid_input);
			EXPECT_NE(std::string(error.what()).find("accepted: <metric selector>"), std::string::npos) << error.what();
		}
	}
}

TEST(CompareGateRule, ReadsTheScenarioCompareTable)
{
	std::string text = "name = \"x\"\n[compare]\ngate = [\"pcp.drain.events rises by more than 5%\", "
			   "\"extfrag.events changes by more than 1%\"]\n";
	std::vector<std::string> rules = scenario_gate_rules(text);
	ASSERT_EQ(rules.size(), 2u);
	EXPECT_EQ(rules[1], "extfrag.events changes by more than 1%");
	EXPECT_TRUE(scenario_gate_rules("name = \"x\"\n").empty());
	EXPECT_THROW(scenario_gate_rules("[compare]\ngate = [1]\n"), Error);
	EXPECT_THROW(scenario_gate_rules("[compare\n"), Error);
}

TEST(CompareGateRule, FailsOnSignificantRiseOverThreshold)
{
	RunSet baseline = drain_runs("baseline", {1000, 1010, 990, 1005});
	RunSet candidate = drain_runs("candidate", {1100, 1110, 1090, 1105});
	GateRule rule = parse_gate_rule("pcp.drain.events{scope=workload} rises by more than 5% and significant", "--gate");
	GateOutcome outcome = evaluate_gate(rule, baseline, candidate);
	EXPECT_TRUE(outcome.failed) << outcome.explanation;
	EXPECT_NEAR(outcome.stats.a.mean, 1001.25, 1e-9);  // the system series is not picked

	GateRule higher_bar = parse_gate_rule("pcp.drain.events{scope=workload} rises by more than 15%", "--gate");
	EXPECT_FALSE(evaluate_gate(higher_bar, baseline, candidate).failed);
	GateRule falls = parse_gate_rule("pcp.drain.events{scope=workload} falls by more than 1%", "--gate");
	EXPECT_FALSE(evaluate_gate(falls, baseline, candidate).failed);
	GateRule changes = parse_gate_rule("pcp.drain.events{scope=workload} changes by more than 1%", "--gate");
	EXPECT_TRUE(evaluate_gate(changes, baseline, candidate).failed);
}

TEST(CompareGateRule, SignificanceRequirementHoldsBackANoisyRise)
{
	RunSet baseline = drain_runs("baseline", {1000, 1500, 700, 1200});
	RunSet candidate = drain_runs("candidate", {1300, 900, 1600, 1000});
	GateRule rule = parse_gate_rule("pcp.drain.events{scope=workload} rises by more than 5% and significant", "--gate");
	GateOutcome outcome = evaluate_gate(rule, baseline, candidate);
	EXPECT_GT(outcome.stats.percent_change, 5);
	EXPECT_FALSE(outcome.failed);
}

}  // namespace
}  // namespace kmh
