// Tests the gate rule grammar, the [compare] table of a scenario, and gate evaluation on run sets.
#include <gtest/gtest.h>

#include "common/error.h"
#include "compare/gate_rule.h"

namespace kmh {
namespace {

GateOutcome evaluate_gate(const std::string &text, const RunSet &baseline, const RunSet &candidate,
			  const MinEffect &min_effect = {})
{
	return evaluate_gates({parse_gate_rule(text, "--gate")}, baseline, candidate, min_effect).front();
}

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
	EXPECT_EQ(rule.condition, GateCondition::significant);

	GateRule falls = parse_gate_rule("workload.stress.bogo_ops falls by more than 2.5 %", "--gate");
	EXPECT_EQ(falls.direction, GateDirection::falls);
	EXPECT_DOUBLE_EQ(falls.threshold_percent, 2.5);
	EXPECT_EQ(falls.condition, GateCondition::none);
	GateRule decided = parse_gate_rule("pcp.drain.events rises by more than 5%  and\tdecided ", "--gate");
	EXPECT_EQ(decided.condition, GateCondition::decided);
	EXPECT_EQ(parse_gate_rule("extfrag.events changes by more than 10%", "x").direction, GateDirection::changes);
}

TEST(CompareGateRule, RejectsWithTheAcceptedGrammar)
{
	for (const char *bad : {"pcp.drain.events grows by 5%", "pcp.drain.events rises by more than five%",
				"pcp.drain.events{scope=} rises by more than 5%", "1 + 2 rises by more than 5%",
				"pcp.drain.events rises by more than 5% and sure"}) {
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
	GateOutcome outcome = evaluate_gate("pcp.drain.events{scope=workload} rises by more than 5% and significant", baseline,
					    candidate);
	EXPECT_TRUE(outcome.failed) << outcome.explanation;
	EXPECT_NEAR(outcome.stats.a.mean, 1001.25, 1e-9);  // the system series is not picked
	EXPECT_NEAR(outcome.stats.p_value, 2.0 / 70, 1e-12);  // exact, complete separation
	EXPECT_NE(outcome.explanation.find("(exact)"), std::string::npos) << outcome.explanation;

	EXPECT_FALSE(evaluate_gate("pcp.drain.events{scope=workload} rises by more than 15%", baseline, candidate).failed);
	EXPECT_FALSE(evaluate_gate("pcp.drain.events{scope=workload} falls by more than 1%", baseline, candidate).failed);
	EXPECT_TRUE(evaluate_gate("pcp.drain.events{scope=workload} changes by more than 1%", baseline, candidate).failed);
}

TEST(CompareGateRule, SignificanceRequirementHoldsBackANoisyRise)
{
	RunSet baseline = drain_runs("baseline", {1000, 1500, 700, 1200});
	RunSet candidate = drain_runs("candidate", {1300, 900, 1600, 1000});
	GateOutcome outcome = evaluate_gate("pcp.drain.events{scope=workload} rises by more than 5% and significant", baseline,
					    candidate);
	EXPECT_GT(outcome.stats.percent_change, 5);
	EXPECT_FALSE(outcome.failed);
}

TEST(CompareGateRule, DecidedNeedsTheMinimumEffect)
{
	// +9.8%, p = q = 2/70: decided with the default 1%. With a minimum effect of 12% it is "same":
	// the 90% interval, [D(2), D(15)] of the 16 ratios, is +8.46% .. +11.62% (1090/1005, 1105/990; Python).
	RunSet baseline = drain_runs("baseline", {1000, 1010, 990, 1005});
	RunSet candidate = drain_runs("candidate", {1100, 1110, 1090, 1105});
	const char *rule = "pcp.drain.events{scope=workload} rises by more than 5% and decided";
	EXPECT_TRUE(evaluate_gate(rule, baseline, candidate).failed);
	GateOutcome held = evaluate_gate(rule, baseline, candidate, {1, {{"pcp.drain", 12}}});
	EXPECT_FALSE(held.failed) << held.explanation;
	EXPECT_EQ(held.stats.decision, Decision::same);
	EXPECT_NEAR(held.stats.relative_high, (1105.0 / 990 - 1) * 100, 1e-9);
	EXPECT_TRUE(evaluate_gate("pcp.drain.events{scope=workload} rises by more than 5% and significant", baseline,
				  candidate, {1, {{"pcp.drain", 12}}})
			    .failed);
}

TEST(CompareGateRule, GatesAreOneFamilyForTheQValues)
{
	// Two rules, p = 2/70 each: q = 2/70 for both (BH over the gates only, not every series).
	RunSet baseline = drain_runs("baseline", {1000, 1010, 990, 1005});
	RunSet candidate = drain_runs("candidate", {1100, 1110, 1090, 1105});
	std::vector<GateOutcome> outcomes =
		evaluate_gates({parse_gate_rule("pcp.drain.events{scope=workload} rises by more than 5% and decided", "--gate"),
				parse_gate_rule("pcp.drain.events{cpu=0} rises by more than 5% and decided", "--gate")},
			       baseline, candidate, {});
	ASSERT_EQ(outcomes.size(), 2u);
	EXPECT_NEAR(outcomes[0].stats.q_value, 2.0 / 70, 1e-12);
	EXPECT_NEAR(outcomes[1].stats.q_value, 2.0 / 70, 1e-12);
	EXPECT_TRUE(outcomes[0].failed);
}

}  // namespace
}  // namespace kmh
