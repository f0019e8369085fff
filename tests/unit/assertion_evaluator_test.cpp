// Tests of assertion evaluation over a small metric store: selectors, functions, within, errors.
#include <cmath>

#include <gtest/gtest.h>

#include "assertions/assertion_evaluator.h"
#include "assertions/assertion_parser.h"

namespace kmh {
namespace {

const double MiB = 1024.0 * 1024;

class AssertionEvaluatorTest : public ::testing::Test {
protected:
	void SetUp() override
	{
		store.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "workload"}, {"migratetype", "MOVABLE"}}, 525000);
		store.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "workload"}, {"migratetype", "UNMOVABLE"}}, 587);
		store.add("pcp.drain.events", {{"cpu", "0"}, {"scope", "workload"}, {"migratetype", "MOVABLE"}}, 0);
		store.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "system"}, {"migratetype", "MOVABLE"}}, 1000);
		store.add("pcp.refill.events", {{"cpu", "0"}, {"scope", "workload"}}, 525609);
		store.add("workload.pcp_bounce.pages", {}, 524288);
		store.add("workload.bounce.pages", {}, 524288);
		store.add("page.alloc.events", {{"scope", "workload"}, {"migratetype", "MOVABLE"}}, 950);
		store.add("page.alloc.events", {{"scope", "workload"}, {"migratetype", "UNMOVABLE"}}, 50);
		store.add("page.alloc.events", {{"scope", "system"}, {"migratetype", "UNMOVABLE"}}, 100000);
		store.add("extfrag.events", {{"alloc_migratetype", "UNMOVABLE"}, {"fallback_migratetype", "MOVABLE"}}, 3);
		store.add("extfrag.events", {{"alloc_migratetype", "UNMOVABLE"}, {"fallback_migratetype", "RECLAIMABLE"}}, 4);
		store.add("extfrag.events", {{"alloc_migratetype", "MOVABLE"}, {"fallback_migratetype", "UNMOVABLE"}}, 5);
		store.add("meminfo.SReclaimable.delta", {}, 70 * MiB);
	}

	AssertionResult evaluate(const std::string &expr)
	{
		AssertionSpec spec{"", expr, "", {"s.toml", 7, 9}};
		return evaluate_assertion(compile_assertion(expr), spec, store);
	}

	Verdict verdict(const std::string &expr) { return evaluate(expr).verdict; }
	double observed(const std::string &expr) { return evaluate(expr).observed; }

	MetricStore store;
};

TEST_F(AssertionEvaluatorTest, SumOverASelectorAndTheDetailShowsBothSides)
{
	AssertionResult r = evaluate("pcp.drain.events{cpu=1, scope=workload} >= 0.9 * workload.pcp_bounce.pages");
	EXPECT_EQ(r.verdict, Verdict::pass);
	EXPECT_DOUBLE_EQ(r.observed, 525587);
	EXPECT_DOUBLE_EQ(r.expected, 0.9 * 524288);
	EXPECT_EQ(r.expected_text, ">= 471859.2");
	EXPECT_EQ(r.detail, "pcp.drain.events{cpu=1,scope=workload} = 525587; 0.9 * workload.pcp_bounce.pages = 471859.2");
	EXPECT_EQ(r.name, r.expr);
	EXPECT_EQ(r.where.to_string(), "s.toml:7:9");
}

TEST_F(AssertionEvaluatorTest, NameAndMessageComeFromTheSpec)
{
	AssertionSpec spec{"drains", "pcp.drain.events > 0", "drains must happen", {"s.toml", 3, 1}};
	AssertionResult r = evaluate_assertion(compile_assertion(spec.expr), spec, store);
	EXPECT_EQ(r.name, "drains");
	EXPECT_EQ(r.expr, "pcp.drain.events > 0");
	EXPECT_EQ(r.message, "drains must happen");
	EXPECT_EQ(r.verdict, Verdict::pass);
}

TEST_F(AssertionEvaluatorTest, FailingComparisonIsFail)
{
	AssertionResult r = evaluate("pcp.drain.events{cpu=1, scope=workload} >= 1.1 * workload.pcp_bounce.pages");
	EXPECT_EQ(r.verdict, Verdict::fail);
	EXPECT_DOUBLE_EQ(r.observed, 525587);
	EXPECT_EQ(verdict("pcp.drain.events > 526586"), Verdict::pass);
	EXPECT_EQ(verdict("pcp.drain.events > 526587"), Verdict::fail);
	EXPECT_EQ(verdict("pcp.drain.events != 526587"), Verdict::fail);
	EXPECT_EQ(verdict("pcp.drain.events <= 526587"), Verdict::pass);
	EXPECT_EQ(verdict("pcp.drain.events < 526587"), Verdict::fail);
}

TEST_F(AssertionEvaluatorTest, Within)
{
	AssertionResult r = evaluate("pcp.refill.events{cpu=0, scope=workload} == workload.bounce.pages within 10%");
	EXPECT_EQ(r.verdict, Verdict::pass);
	EXPECT_EQ(r.expected_text, "== 524288 within 10%");
	// |525609 - 524288| = 1321; 0.25% of 524288 = 1310.72, 0.26% = 1363.1
	EXPECT_EQ(verdict("pcp.refill.events == workload.bounce.pages within 0.25%"), Verdict::fail);
	EXPECT_EQ(verdict("pcp.refill.events == workload.bounce.pages within 0.26%"), Verdict::pass);
	EXPECT_EQ(verdict("pcp.refill.events != workload.bounce.pages within 0.25%"), Verdict::pass);
	EXPECT_EQ(verdict("pcp.refill.events != workload.bounce.pages within 0.26%"), Verdict::fail);
}

TEST_F(AssertionEvaluatorTest, RegexSelectorsMatchWholeValues)
{
	EXPECT_EQ(verdict("extfrag.events{alloc_migratetype=UNMOVABLE, fallback_migratetype!~\"RECLAIMABLE|MOVABLE\"} == 0"),
		  Verdict::pass);
	EXPECT_DOUBLE_EQ(observed("extfrag.events{fallback_migratetype=~\"MOVABLE\"} > 0"), 3);
	EXPECT_DOUBLE_EQ(observed("extfrag.events{fallback_migratetype=~\".*MOVABLE\"} > 0"), 8);
	EXPECT_DOUBLE_EQ(observed("extfrag.events{alloc_migratetype!=UNMOVABLE} > 0"), 5);
	EXPECT_DOUBLE_EQ(observed("extfrag.events{fragmenting=\"\"} > 0"), 12);  // a missing label reads as ""
}

TEST_F(AssertionEvaluatorTest, Share)
{
	AssertionResult r = evaluate("share(page.alloc.events{scope=workload}, migratetype=MOVABLE) >= 0.95");
	EXPECT_EQ(r.verdict, Verdict::pass);
	EXPECT_DOUBLE_EQ(r.observed, 0.95);
	EXPECT_EQ(r.detail, "share(page.alloc.events{scope=workload}, migratetype=MOVABLE) = 0.95; 0.95");
	EXPECT_NEAR(observed("share(page.alloc.events, migratetype=MOVABLE) > 0"), 950.0 / 101000, 1e-12);
}

TEST_F(AssertionEvaluatorTest, ShareOfNothingIsAnError)
{
	AssertionResult r = evaluate("share(page.alloc.events{scope=nobody}, migratetype=MOVABLE) >= 0.95");
	EXPECT_EQ(r.verdict, Verdict::error);
	EXPECT_NE(r.detail.find("division by zero"), std::string::npos) << r.detail;
	EXPECT_TRUE(std::isnan(r.observed));
}

TEST_F(AssertionEvaluatorTest, CountMaxMin)
{
	EXPECT_DOUBLE_EQ(observed("count(pcp.drain.events{scope=workload}) > 0"), 2);  // the series at 0 does not count
	EXPECT_DOUBLE_EQ(observed("max(pcp.drain.events) > 0"), 525000);
	EXPECT_DOUBLE_EQ(observed("min(pcp.drain.events{cpu=1}) > 0"), 587);
	EXPECT_DOUBLE_EQ(observed("min(pcp.drain.events{scope=workload}) > 0"), 0);
	EXPECT_DOUBLE_EQ(observed("max(pcp.drain.events{cpu=7}) > 0"), 0);
	EXPECT_DOUBLE_EQ(observed("min(pcp.drain.events{cpu=7}) > 0"), 0);
	EXPECT_DOUBLE_EQ(observed("count(pcp.drain.events{cpu=7}) > 0"), 0);
	EXPECT_DOUBLE_EQ(observed("sum(pcp.drain.events{cpu=1}) > 0"), 526587);
}

TEST_F(AssertionEvaluatorTest, ArithmeticPrecedenceAndAbs)
{
	EXPECT_DOUBLE_EQ(observed("1 + 2 * 3 > 0"), 7);
	EXPECT_DOUBLE_EQ(observed("(1 + 2) * 3 > 0"), 9);
	EXPECT_DOUBLE_EQ(observed("8 - 4 - 2 > 0"), 2);
	EXPECT_DOUBLE_EQ(observed("8 / 4 / 2 > 0"), 1);
	EXPECT_DOUBLE_EQ(observed("-2 * -3 > 0"), 6);
	EXPECT_DOUBLE_EQ(observed("abs(workload.bounce.pages - pcp.refill.events) > 0"), 1321);
	EXPECT_DOUBLE_EQ(observed("-abs(-4) > 0"), -4);
}

TEST_F(AssertionEvaluatorTest, SizeUnits)
{
	AssertionResult r = evaluate("meminfo.SReclaimable.delta >= 64MiB");
	EXPECT_EQ(r.verdict, Verdict::pass);
	EXPECT_DOUBLE_EQ(r.expected, 64 * MiB);
	EXPECT_EQ(r.detail, "meminfo.SReclaimable.delta = 73400320; 64MiB = 67108864");
	EXPECT_EQ(verdict("meminfo.SReclaimable.delta >= 71MiB"), Verdict::fail);
}

TEST_F(AssertionEvaluatorTest, DivisionByZeroIsAnError)
{
	AssertionResult r = evaluate("pcp.drain.events / pcp.drain.events{cpu=7} > 1");
	EXPECT_EQ(r.verdict, Verdict::error);
	EXPECT_EQ(r.detail, "division by zero: pcp.drain.events{cpu=7} is 0");
	EXPECT_TRUE(r.expected_text.empty());
}

TEST_F(AssertionEvaluatorTest, CatalogFamilyWithoutSeriesIsZero)
{
	AssertionResult r = evaluate("slab.kfree.events{scope=workload} == 0");
	EXPECT_EQ(r.verdict, Verdict::pass);
	EXPECT_DOUBLE_EQ(r.observed, 0);
}

TEST_F(AssertionEvaluatorTest, MissingKernelKeyedFieldIsAnError)
{
	AssertionResult r = evaluate("meminfo.NoSuchField.delta >= 0");
	EXPECT_EQ(r.verdict, Verdict::error);
	EXPECT_NE(r.detail.find("running kernel has no meminfo field 'NoSuchField'"), std::string::npos) << r.detail;
}

TEST_F(AssertionEvaluatorTest, MissingWorkloadMetricIsAnError)
{
	AssertionResult r = evaluate("0 <= workload.other.pages");
	EXPECT_EQ(r.verdict, Verdict::error);
	EXPECT_DOUBLE_EQ(r.observed, 0);
	EXPECT_TRUE(std::isnan(r.expected));
	EXPECT_NE(r.detail.find("workload.other.pages"), std::string::npos) << r.detail;
}

TEST_F(AssertionEvaluatorTest, ScenarioAssertionsInOrderWithSyntaxErrorsAsErrors)
{
	Scenario scenario;
	scenario.assertions = {
		{"ok", "count(pcp.drain.events{scope=workload}) > 0", "", {"s.toml", 10, 8}},
		{"broken", "pcp.drain.events >", "", {"s.toml", 11, 8}},
		{"fails", "pcp.drain.events == 0", "", {"s.toml", 12, 8}},
	};
	std::vector<AssertionResult> results = evaluate_assertions(scenario, store);
	ASSERT_EQ(results.size(), 3u);
	EXPECT_EQ(results[0].verdict, Verdict::pass);
	EXPECT_EQ(results[1].verdict, Verdict::error);
	EXPECT_EQ(results[1].name, "broken");
	EXPECT_NE(results[1].detail.find("column 19"), std::string::npos) << results[1].detail;
	EXPECT_EQ(results[2].verdict, Verdict::fail);
	EXPECT_EQ(results[2].where.line, 12);
}

TEST(AssertionEvaluatorLargeStore, SumsExactlyOverManySeries)
{
	MetricStore store;
	const char *types[] = {"UNMOVABLE", "MOVABLE", "RECLAIMABLE", "HIGHATOMIC"};
	for (int i = 0; i < 100000; i++) {
		store.add("page.alloc.events",
			  {{"cpu", std::to_string(i % 64)}, {"order", std::to_string(i / 64 % 11)},
			   {"migratetype", types[i % 4]}, {"scope", i % 2 ? "workload" : "system"}},
			  1);
	}
	Scenario scenario;
	scenario.assertions = {
		{"", "page.alloc.events{migratetype=~\"UNMOVABLE|MOVABLE\", scope=workload} == 25000", "", {}},
		{"", "page.alloc.events{migratetype=~\"(UN)?MOVABLE\"} == 50000", "", {}},
		{"", "count(page.alloc.events{cpu=\"3\"}) == 1563", "", {}},
	};
	for (const AssertionResult &result : evaluate_assertions(scenario, store))
		EXPECT_EQ(result.verdict, Verdict::pass) << result.expr << ": " << result.detail;
}

}  // namespace
}  // namespace kmh
