// Tests of the before/after/delta series built from two /proc snapshots.
#include <gtest/gtest.h>

#include <algorithm>

#include "collect/proc/snapshot_phases.h"
#include "metrics/catalog.h"

namespace kmh {
namespace {

double series_value(const std::vector<Metric> &metrics, const std::string &name, const Labels &labels = {})
{
	auto matches = [&](const Metric &m) { return m.name == name && m.labels == labels; };
	EXPECT_EQ(std::count_if(metrics.begin(), metrics.end(), matches), 1) << name;
	auto it = std::find_if(metrics.begin(), metrics.end(), matches);
	return it == metrics.end() ? -1 : it->value;
}

const Labels normal_order_3_unmovable = {{"node", "0"}, {"zone", "Normal"}, {"order", "3"}, {"migratetype", "UNMOVABLE"}};

TEST(SnapshotPhases, GivesBeforeAfterAndDeltaOfEachSeries)
{
	std::vector<Metric> before = {{"meminfo.SReclaimable", {}, 85176320}, {"pagetypeinfo.free", normal_order_3_unmovable, 262}};
	std::vector<Metric> after = {{"meminfo.SReclaimable", {}, 152285184}, {"pagetypeinfo.free", normal_order_3_unmovable, 250}};
	std::vector<Metric> phases = snapshot_phase_metrics(before, after);
	EXPECT_EQ(series_value(phases, "meminfo.SReclaimable.before"), 85176320);
	EXPECT_EQ(series_value(phases, "meminfo.SReclaimable.after"), 152285184);
	EXPECT_EQ(series_value(phases, "meminfo.SReclaimable.delta"), 152285184 - 85176320);
	EXPECT_EQ(series_value(phases, "pagetypeinfo.free.delta", normal_order_3_unmovable), -12);
	EXPECT_EQ(phases.size(), 6u);
}

TEST(SnapshotPhases, KeepsLabelledSeriesApart)
{
	Labels order_4 = normal_order_3_unmovable;
	order_4["order"] = "4";
	std::vector<Metric> before = {{"pagetypeinfo.free", normal_order_3_unmovable, 10}, {"pagetypeinfo.free", order_4, 20}};
	std::vector<Metric> after = {{"pagetypeinfo.free", order_4, 25}, {"pagetypeinfo.free", normal_order_3_unmovable, 7}};
	std::vector<Metric> phases = snapshot_phase_metrics(before, after);
	EXPECT_EQ(series_value(phases, "pagetypeinfo.free.delta", normal_order_3_unmovable), -3);
	EXPECT_EQ(series_value(phases, "pagetypeinfo.free.delta", order_4), 5);
}

TEST(SnapshotPhases, CountsASeriesMissingOnOneSideAsZero)
{
	std::vector<Metric> before = {{"slabinfo.pages", {{"cache", "gone"}}, 8}};
	std::vector<Metric> after = {{"slabinfo.pages", {{"cache", "new"}}, 16}};
	std::vector<Metric> phases = snapshot_phase_metrics(before, after);
	EXPECT_EQ(series_value(phases, "slabinfo.pages.after", {{"cache", "gone"}}), 0);
	EXPECT_EQ(series_value(phases, "slabinfo.pages.delta", {{"cache", "gone"}}), -8);
	EXPECT_EQ(series_value(phases, "slabinfo.pages.before", {{"cache", "new"}}), 0);
	EXPECT_EQ(series_value(phases, "slabinfo.pages.delta", {{"cache", "new"}}), 16);
	ASSERT_EQ(phases.size(), 6u);
	EXPECT_EQ(phases[0].name, "slabinfo.pages.before");
	EXPECT_EQ(phases[0].labels.at("cache"), "gone");
}

TEST(SnapshotPhases, SumsASeriesListedTwiceOnOneSide)
{
	std::vector<Metric> before = {{"slabinfo.num_objs", {{"cache", "dup"}}, 3}, {"slabinfo.num_objs", {{"cache", "dup"}}, 4}};
	std::vector<Metric> phases = snapshot_phase_metrics(before, {});
	EXPECT_EQ(series_value(phases, "slabinfo.num_objs.before", {{"cache", "dup"}}), 7);
}

TEST(SnapshotPhases, NamesAreInTheMetricCatalog)
{
	std::vector<Metric> base = {{"pagetypeinfo.free", {}, 1}, {"pagetypeinfo.pageblocks", {}, 1}, {"buddyinfo.free", {}, 1},
				    {"slabinfo.active_objs", {}, 1}, {"slabinfo.num_objs", {}, 1}, {"slabinfo.pages", {}, 1},
				    {"meminfo.Active_anon", {}, 1}, {"vmstat.pgfault", {}, 1}};
	for (const Metric &metric : snapshot_phase_metrics(base, base))
		EXPECT_NE(find_metric_family(metric.name), nullptr) << metric.name;
}

}  // namespace
}  // namespace kmh
