// Checks the compare statistics against reference values computed independently of Boost.
//
// References: R's documented example t.test(extra ~ group, data = sleep) gives t = -1.8608,
// df = 17.776, p = 0.07939, 95% CI -3.3654832 .. 0.2054832 (group 1 - group 2), and
// wilcox.test(extra ~ group, data = sleep) gives W = 25.5, p = 0.06933 (normal approximation,
// ties). R cannot run here, so every figure was recomputed with Python 3.11 (statistics module;
// the t tail by mpmath quadrature of the Student density; exact Mann-Whitney p-values by
// enumerating every split of the pooled values with itertools.combinations). The script is
// quoted in docs/compare.md ("Where the test references come from").
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

TEST(CompareStatistics, WelchMatchesRSleepExample)
{
	WelchResult welch = welch_t_test(sleep_group1, sleep_group2);
	EXPECT_NEAR(welch.t, 1.860813467486853, 1e-9);
	EXPECT_NEAR(welch.df, 17.776473516178488, 1e-9);
	EXPECT_NEAR(welch.p_value, 0.07939414018735814, 1e-9);
	EXPECT_NEAR(welch.ci_low, -0.20548323071171049, 1e-8);
	EXPECT_NEAR(welch.ci_high, 3.3654832307117104, 1e-8);
}

TEST(CompareStatistics, WelchMatchesWikipediaExampleOne)
{
	// Wikipedia "Welch's t-test", example 1: t = -2.46, p = 0.021 (A1 - A2); more digits from Python.
	std::vector<double> a1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
	std::vector<double> a2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
	WelchResult welch = welch_t_test(a1, a2);
	EXPECT_NEAR(welch.t, 2.455356398286006, 1e-9);
	EXPECT_NEAR(welch.df, 24.98852929023142, 1e-9);
	EXPECT_NEAR(welch.p_value, 0.021378001462866985, 1e-9);
	EXPECT_NEAR(welch.ci_low, 0.34923706619240646, 1e-8);
	EXPECT_NEAR(welch.ci_high, 3.984096267140929, 1e-8);
}

TEST(CompareStatistics, WelchWithoutVarianceIsCertainOrNothing)
{
	WelchResult differs = welch_t_test({5, 5, 5}, {7, 7});
	EXPECT_TRUE(std::isinf(differs.t));
	EXPECT_DOUBLE_EQ(differs.p_value, 0.0);
	EXPECT_DOUBLE_EQ(differs.ci_low, 2.0);
	EXPECT_TRUE(std::isnan(welch_t_test({1}, {2, 3}).p_value));
}

TEST(CompareStatistics, MannWhitneyNormalApproximationMatchesRSleepExample)
{
	MannWhitneyResult test = mann_whitney_u_test(sleep_group1, sleep_group2);
	EXPECT_FALSE(test.exact);
	EXPECT_DOUBLE_EQ(test.u, 25.5);
	EXPECT_NEAR(test.p_value, 0.06932757543362666, 1e-10);
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

TEST(CompareStatistics, MannWhitneyTiesUseNormalApproximation)
{
	EXPECT_FALSE(mann_whitney_u_test({1, 2, 2, 3}, {2, 4, 5, 6}).exact);
}

TEST(CompareVerdict, IdenticalValuesAreNotTested)
{
	SampleComparison same = compare_samples("pcp.drain.events", {3, 3, 3}, {3, 3});
	EXPECT_EQ(same.verdict, ChangeVerdict::identical);
	EXPECT_EQ(same.test, TestKind::none);
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

TEST(CompareVerdict, LargeSymmetricSamplesUseWelch)
{
	SampleComparison result = compare_samples("extfrag.events", sleep_group1, sleep_group2);
	EXPECT_EQ(result.test, TestKind::welch);
	EXPECT_NEAR(result.p_value, 0.07939414018735814, 1e-9);
	EXPECT_EQ(result.verdict, ChangeVerdict::no_change);
}

TEST(CompareVerdict, SkewedSamplesUseMannWhitney)
{
	SampleComparison result = compare_samples("extfrag.events", {1, 1, 1, 1, 50}, {2, 2, 2, 2, 3});
	EXPECT_EQ(result.test, TestKind::mann_whitney);
}

TEST(CompareVerdict, OneRunASideIsTooFew)
{
	EXPECT_EQ(compare_samples("pcp.drain.events", {1}, {2}).verdict, ChangeVerdict::too_few_runs);
}

TEST(CompareVerdict, RiseFromZeroIsInfinitePercent)
{
	SampleComparison result = compare_samples("pcp.drain.events", {0, 0, 0}, {1, 2, 3});
	EXPECT_TRUE(std::isinf(result.percent_change));
	EXPECT_GT(result.percent_change, 0);
}

}  // namespace
}  // namespace kmh
