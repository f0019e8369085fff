// Tests of the top-N folding of call sites: the first N per scope keep their names, the rest add up in "other".
#include <gtest/gtest.h>

#include "collect/kmem/callsite_folding.h"

namespace kmh {
namespace {

Metric series(const std::string &name, const std::string &callsite, const std::string &scope, double value)
{
	return {name, {{"callsite", callsite}, {"scope", scope}, {"op", "kmalloc"}}, value};
}

double value_of(const std::vector<Metric> &metrics, const std::string &name, const std::string &callsite,
		const std::string &scope)
{
	for (const Metric &metric : metrics)
		if (metric.name == name && metric.labels.at("callsite") == callsite && metric.labels.at("scope") == scope)
			return metric.value;
	return -1;
}

TEST(FoldCallsites, KeepsTheTopNByTheRankingMetricAndAddsTheRestIntoOther)
{
	std::vector<Metric> metrics = {
		series("slab.callsite.events", "a", "system", 10), series("slab.callsite.bytes_req", "a", "system", 100),
		series("slab.callsite.events", "b", "system", 30), series("slab.callsite.bytes_req", "b", "system", 1),
		series("slab.callsite.events", "c", "system", 20), series("slab.callsite.bytes_req", "c", "system", 7),
		series("slab.callsite.events", "other", "system", 5),
	};
	std::vector<Metric> folded = fold_callsites(metrics, "slab.callsite.events", 2);
	EXPECT_EQ(value_of(folded, "slab.callsite.events", "b", "system"), 30);
	EXPECT_EQ(value_of(folded, "slab.callsite.events", "c", "system"), 20);
	EXPECT_EQ(value_of(folded, "slab.callsite.events", "a", "system"), -1);
	EXPECT_EQ(value_of(folded, "slab.callsite.events", "other", "system"), 15);
	// Other families follow the ranking of the events, not their own.
	EXPECT_EQ(value_of(folded, "slab.callsite.bytes_req", "other", "system"), 100);
	EXPECT_EQ(value_of(folded, "slab.callsite.bytes_req", "b", "system"), 1);
	EXPECT_EQ(folded.size(), 6U);
}

TEST(FoldCallsites, RanksEachScopeOnItsOwn)
{
	std::vector<Metric> metrics = {
		series("slab.callsite.events", "busy", "system", 1000), series("slab.callsite.events", "mine", "system", 3),
		series("slab.callsite.events", "mine", "workload", 3),
	};
	std::vector<Metric> folded = fold_callsites(metrics, "slab.callsite.events", 1);
	EXPECT_EQ(value_of(folded, "slab.callsite.events", "busy", "system"), 1000);
	EXPECT_EQ(value_of(folded, "slab.callsite.events", "other", "system"), 3);
	EXPECT_EQ(value_of(folded, "slab.callsite.events", "mine", "workload"), 3);
}

TEST(FoldCallsites, BreaksTiesByNameSoTheResultIsTheSameEveryRun)
{
	std::vector<Metric> metrics = {
		series("slab.callsite.events", "zeta", "system", 4),
		series("slab.callsite.events", "alpha", "system", 4),
	};
	EXPECT_EQ(top_callsites(metrics, "slab.callsite.events", "system", 1), std::vector<std::string>{"alpha"});
}

TEST(FoldCallsites, KeepsEverySumExact)
{
	std::vector<Metric> metrics;
	double total = 0;
	for (int i = 0; i < 50; ++i) {
		metrics.push_back(series("slab.callsite.events", "site" + std::to_string(i), "system", i + 1));
		total += i + 1;
	}
	double folded_total = 0;
	for (const Metric &metric : fold_callsites(metrics, "slab.callsite.events", 7))
		folded_total += metric.value;
	EXPECT_EQ(folded_total, total);
	EXPECT_EQ(fold_callsites(metrics, "slab.callsite.events", 7).size(), 8U);
}

TEST(MergeEqualSeries, AddsUpSeriesOfOneNameAndLabels)
{
	std::vector<Metric> merged = merge_equal_series(
		{series("slab.outstanding.objects", "f", "system", 1), series("slab.outstanding.objects", "f", "system", 1),
		 series("slab.outstanding.objects", "g", "system", 1)});
	ASSERT_EQ(merged.size(), 2U);
	EXPECT_EQ(value_of(merged, "slab.outstanding.objects", "f", "system"), 2);
}

}  // namespace
}  // namespace kmh
