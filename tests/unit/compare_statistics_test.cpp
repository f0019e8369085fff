// Checks the compare statistics (p, q, intervals, verdicts) against values computed independently of the code.
//
// References: R's documented example wilcox.test(extra ~ group, data = sleep) gives W = 25.5,
// p = 0.06933 (normal approximation, ties). R cannot run here, so every figure was recomputed with
// Python 3.11 once and written down: the normal tail with statistics.NormalDist; exact p-values by
// enumerating every split of the pooled values with itertools.combinations, mid-ranks as
// fractions.Fraction, p = (splits with |R - E R| >= |r - E R|) / C(N, nA); Hodges-Lehmann
// intervals from the sorted pairwise differences and the enumerated no-ties distribution of U;
// q-values by the Benjamini-Hochberg step-up rule by hand. The script is quoted in docs/compare.md
// ("Where the test references come from").
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "compare/sample_comparison.h"
#include "compare/statistics.h"

namespace kmh {
namespace {

const std::vector<double> sleep_group1 = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
const std::vector<double> sleep_group2 = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

TEST(CompareStatistics, SummaryMatchesHandCalculation)
{
	// {1, 2, 3, 10}: mean 4, median 2.5, sample sd sqrt(50/3) = 4.0824829, g1 = 1.0182338.
	SampleSummary summary = summarize({1, 2, 3, 10});
	EXPECT_EQ(summary.n, 4u);
	EXPECT_DOUBLE_EQ(summary.mean, 4.0);
	EXPECT_DOUBLE_EQ(summary.median, 2.5);
	EXPECT_NEAR(summary.stddev, 4.08248290463863, 1e-12);
	EXPECT_NEAR(summary.cv, 1.0206207261596576, 1e-12);
	EXPECT_NEAR(summary.skewness, 1.0182337649086284, 1e-12);
}

TEST(CompareStatistics, SummaryOfOddCountAndConstants)
{
	EXPECT_DOUBLE_EQ(summarize({5, 1, 3}).median, 3.0);
	SampleSummary constant = summarize({7, 7, 7});
	EXPECT_DOUBLE_EQ(constant.stddev, 0.0);
	EXPECT_DOUBLE_EQ(constant.skewness, 0.0);
	EXPECT_DOUBLE_EQ(summarize({42}).stddev, 0.0);
}

TEST(CompareStatistics, MannWhitneyBeyondTheExactLimitUsesNormalApproximation)
{
	// 60 against 45 values: C(105, 45) is far above exact_max_splits. Sleep group 1 six times, the
	// first 5 of group 2 nine times (heavy ties). Python, tie-corrected normal with continuity
	// correction as R: W = 1134, z = -1.40182, p = 0.16096809184331562.
	std::vector<double> baseline;
	std::vector<double> candidate;
	for (int copy = 0; copy < 6; copy++)
		baseline.insert(baseline.end(), sleep_group1.begin(), sleep_group1.end());
	for (int copy = 0; copy < 9; copy++)
		candidate.insert(candidate.end(), sleep_group2.begin(), sleep_group2.begin() + 5);
	MannWhitneyResult test = mann_whitney_u_test(baseline, candidate);
	EXPECT_FALSE(test.exact);
	EXPECT_FALSE(exact_is_feasible(60, 45));
	EXPECT_DOUBLE_EQ(test.u, 1134.0);
	EXPECT_NEAR(test.p_value, 0.16096809184331562, 1e-10);
}

TEST(CompareStatistics, MannWhitneySleepExampleIsExactWithTies)
{
	// 10 against 10 with ties: C(20, 10) = 184756 splits, 12160 at least as far from E R as observed.
	MannWhitneyResult test = mann_whitney_u_test(sleep_group1, sleep_group2);
	EXPECT_TRUE(test.exact);
	EXPECT_DOUBLE_EQ(test.u, 25.5);
	EXPECT_NEAR(test.p_value, 12160.0 / 184756.0, 1e-12);  // 0.0658165364047717
}

TEST(CompareStatistics, ThreeAgainstThreeCanNeverReachTenPercent)
{
	// The observed split and the one with the sides swapped are equally far from E R: at least
	// 2 of the C(6, 3) = 20 splits, p >= 0.1, ties or not. Every pattern of values 0..3 is tried.
	double smallest = 1;
	for (int code = 0; code < 4096; code++) {
		std::vector<double> a, b;
		for (int i = 0; i < 6; i++)
			(i < 3 ? a : b).push_back((code >> (2 * i)) & 3);
		MannWhitneyResult test = mann_whitney_u_test(a, b);
		EXPECT_TRUE(test.exact);
		smallest = std::min(smallest, test.p_value);
	}
	EXPECT_NEAR(smallest, 0.1, 1e-12);
	// Python enumeration: separated 0.1 (2/20); all tied within each side 0.1 (2/20);
	// {1,2,2} vs {2,3,3} 0.3 (6/20); {100,101,102} vs {100,103,104} 0.5 (10/20).
	EXPECT_NEAR(mann_whitney_u_test({1, 2, 3}, {4, 5, 6}).p_value, 0.1, 1e-12);
	EXPECT_NEAR(mann_whitney_u_test({7, 7, 7}, {8, 8, 8}).p_value, 0.1, 1e-12);
	EXPECT_NEAR(mann_whitney_u_test({1, 2, 2}, {2, 3, 3}).p_value, 0.3, 1e-12);
	EXPECT_NEAR(mann_whitney_u_test({100, 101, 102}, {100, 103, 104}).p_value, 0.5, 1e-12);
}

TEST(CompareStatistics, MannWhitneyExactWithTiesMatchesEnumeration)
{
	// Python enumeration of the pooled mid-ranks: 8 of C(8, 4) = 70 splits; 6 of C(10, 5) = 252.
	MannWhitneyResult four = mann_whitney_u_test({1, 2, 2, 3}, {2, 4, 5, 6});
	EXPECT_TRUE(four.exact);
	EXPECT_NEAR(four.p_value, 8.0 / 70.0, 1e-12);
	MannWhitneyResult five = mann_whitney_u_test({10, 10, 11, 12, 12}, {12, 13, 13, 14, 15});
	EXPECT_TRUE(five.exact);
	EXPECT_NEAR(five.p_value, 6.0 / 252.0, 1e-12);
}

TEST(CompareStatistics, MannWhitneyExactMatchesEnumeration)
{
	MannWhitneyResult separated = mann_whitney_u_test({1.1, 2.2, 3.3, 4.4}, {5.5, 6.6, 7.7, 8.8});
	EXPECT_TRUE(separated.exact);
	EXPECT_DOUBLE_EQ(separated.u, 0.0);
	EXPECT_NEAR(separated.p_value, 0.02857142857142857, 1e-12);  // 2 / C(8,4)

	MannWhitneyResult five_six = mann_whitney_u_test({10.0, 12.5, 11.0, 14.0, 9.5}, {13.0, 15.5, 16.0, 12.0, 17.5, 14.5});
	EXPECT_DOUBLE_EQ(five_six.u, 3.0);
	EXPECT_NEAR(five_six.p_value, 0.030303030303030304, 1e-12);

	MannWhitneyResult eight = mann_whitney_u_test({3.1, 7.4, 2.2, 9.9, 5.0, 6.1, 4.8, 8.3},
						      {4.0, 8.8, 1.5, 10.5, 6.6, 7.7, 5.9, 9.1});
	EXPECT_TRUE(eight.exact);
	EXPECT_DOUBLE_EQ(eight.u, 25.0);
	EXPECT_NEAR(eight.p_value, 0.5053613053613054, 1e-12);
}

TEST(CompareVerdict, IdenticalValuesAreNotTested)
{
	SampleComparison same = compare_samples("pcp.drain.events", {3, 3, 3}, {3, 3});
	EXPECT_EQ(same.verdict, ChangeVerdict::identical);
	EXPECT_EQ(same.test, TestKind::none);
	EXPECT_EQ(same.decision, Decision::same);
	EXPECT_FALSE(same.significant);
}

TEST(CompareVerdict, SmallSamplesUseMannWhitneyAndDirectionTable)
{
	SampleComparison drains = compare_samples("pcp.drain.events", {100, 101, 102, 103}, {110, 111, 112, 113});
	EXPECT_EQ(drains.test, TestKind::mann_whitney);
	EXPECT_TRUE(drains.significant);
	EXPECT_EQ(drains.verdict, ChangeVerdict::regressed);
	EXPECT_NEAR(drains.percent_change, 10.0 / 101.5 * 100, 1e-9);

	SampleComparison ops = compare_samples("workload.stress.bogo_ops", {100, 101, 102, 103}, {110, 111, 112, 113});
	EXPECT_EQ(ops.verdict, ChangeVerdict::improved);
	SampleComparison other = compare_samples("slab.kmalloc.events", {100, 101, 102, 103}, {110, 111, 112, 113});
	EXPECT_EQ(other.verdict, ChangeVerdict::changed);
}

TEST(CompareVerdict, OneRunASideIsTooFew)
{
	SampleComparison result = compare_samples("pcp.drain.events", {1}, {2});
	EXPECT_EQ(result.verdict, ChangeVerdict::too_few_runs);
	EXPECT_EQ(result.decision, Decision::undecided);
}

TEST(CompareVerdict, RiseFromZeroIsInfinitePercent)
{
	SampleComparison result = compare_samples("pcp.drain.events", {0, 0, 0}, {1, 2, 3});
	EXPECT_TRUE(std::isinf(result.percent_change));
	EXPECT_GT(result.percent_change, 0);
}

TEST(CompareStatistics, HodgesLehmannIntervalMatchesEnumeration)
{
	// Python: the 16 pairwise differences sorted, median 0.4; k = 2 (P(U <= 1) = 2/70 <= 0.05), so
	// [D(2), D(15)] = [0.2, 0.6] with coverage 1 - 4/70 = 0.942857.
	ShiftInterval four = hodges_lehmann_shift({10.0, 10.2, 9.9, 10.1}, {10.3, 10.6, 10.4, 10.5}, 0.9);
	EXPECT_NEAR(four.estimate, 0.4, 1e-9);
	EXPECT_NEAR(four.low, 0.2, 1e-9);
	EXPECT_NEAR(four.high, 0.6, 1e-9);
	EXPECT_NEAR(four.coverage, 1 - 4.0 / 70, 1e-12);
	// 3 against 3: k = 1 (P(U <= 0) = 1/20 = 0.05), [min, max] of the differences, coverage 0.9.
	ShiftInterval three = hodges_lehmann_shift({100, 101, 102}, {103, 104, 106}, 0.9);
	EXPECT_DOUBLE_EQ(three.estimate, 3.0);
	EXPECT_DOUBLE_EQ(three.low, 1.0);
	EXPECT_DOUBLE_EQ(three.high, 6.0);
	EXPECT_NEAR(three.coverage, 0.9, 1e-12);
	// At 95%, 3 against 3 has no interval: P(U <= 0) = 0.05 > 0.025.
	EXPECT_TRUE(std::isinf(hodges_lehmann_shift({100, 101, 102}, {103, 104, 106}, 0.95).high));
}

TEST(CompareStatistics, BenjaminiHochbergMatchesHandCalculation)
{
	// Sorted p 0.005, 0.01, 0.03, 0.04, 0.5 times 5 / rank: 0.025, 0.025, 0.05, 0.05, 0.5, then the
	// running minimum from the top changes nothing. A NaN is no hypothesis (the family stays 5).
	std::vector<double> q = benjamini_hochberg({0.01, 0.04, 0.03, 0.005, std::nan(""), 0.5});
	ASSERT_EQ(q.size(), 6u);
	EXPECT_NEAR(q[0], 0.025, 1e-12);
	EXPECT_NEAR(q[1], 0.05, 1e-12);
	EXPECT_NEAR(q[2], 0.05, 1e-12);
	EXPECT_NEAR(q[3], 0.025, 1e-12);
	EXPECT_TRUE(std::isnan(q[4]));
	EXPECT_NEAR(q[5], 0.5, 1e-12);
	// Step-up: p 0.04 and 0.045 of two, q both 0.045 (0.04 * 2 / 1 = 0.08 is lowered to 0.045).
	std::vector<double> pair = benjamini_hochberg({0.04, 0.045});
	EXPECT_NEAR(pair[0], 0.045, 1e-12);
	EXPECT_NEAR(pair[1], 0.045, 1e-12);
}

TEST(CompareVerdict, DeterministicChangeIsNotAPValue)
{
	// 3 against 3 identical runs each side: no test can reach p < 0.1, but nothing varies.
	SampleComparison rise = compare_samples("slab.kmalloc.events", {500, 500, 500}, {1000, 1000, 1000});
	EXPECT_EQ(rise.test, TestKind::deterministic);
	EXPECT_TRUE(std::isnan(rise.p_value));
	EXPECT_EQ(rise.decision, Decision::changed);
	EXPECT_EQ(rise.verdict, ChangeVerdict::changed);
	EXPECT_DOUBLE_EQ(rise.relative_change, 100.0);
	SampleComparison tiny = compare_samples("slab.kmalloc.events", {10000, 10000}, {10050, 10050});
	EXPECT_EQ(tiny.test, TestKind::deterministic);
	EXPECT_EQ(tiny.decision, Decision::same);  // +0.5% < 1%
}

TEST(CompareVerdict, SameNeedsTheIntervalInsideTheMinimumEffect)
{
	// Python (logs, 90%): estimate +0.494%, interval -1.4708% .. +2.0410% (coverage 0.904762):
	// not inside +-1%, so undecided; inside +-3%, so same.
	std::vector<double> a = {100, 102, 98, 101, 99};
	std::vector<double> b = {100.5, 101.5, 99.5, 100, 100.2};
	SampleComparison result = compare_samples("slab.kmalloc.events", a, b);
	EXPECT_NEAR(result.relative_change, std::expm1(0.004938281640582076) * 100, 1e-9);
	EXPECT_NEAR(result.relative_low, std::expm1(-0.014815085785140347) * 100, 1e-9);
	EXPECT_NEAR(result.relative_high, std::expm1(0.020202707317519497) * 100, 1e-9);
	EXPECT_NEAR(result.interval_coverage, 228.0 / 252.0, 1e-12);
	EXPECT_EQ(result.decision, Decision::undecided);
	decide(result, "slab.kmalloc.events", result.p_value, {0.05, 3.0});
	EXPECT_EQ(result.decision, Decision::same);
	EXPECT_EQ(result.verdict, ChangeVerdict::same);
}

TEST(CompareVerdict, ChangedNeedsQAndTheMinimumEffect)
{
	SampleComparison result = compare_samples("pcp.drain.events", {100, 101, 102, 103}, {110, 111, 112, 113});
	EXPECT_NEAR(result.p_value, 2.0 / 70, 1e-12);
	decide(result, "pcp.drain.events", 0.06, {});  // the family raised q above alpha
	EXPECT_FALSE(result.significant);
	EXPECT_EQ(result.decision, Decision::undecided);
	decide(result, "pcp.drain.events", 2.0 / 70, {0.05, 15.0});  // all of the interval is below 15%
	EXPECT_EQ(result.decision, Decision::same);
	decide(result, "pcp.drain.events", 2.0 / 70, {0.05, 5.0});
	EXPECT_EQ(result.decision, Decision::changed);
	EXPECT_EQ(result.verdict, ChangeVerdict::regressed);
}

}  // namespace
}  // namespace kmh
