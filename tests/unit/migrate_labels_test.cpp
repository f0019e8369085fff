// Tests of the migrate collector's labels and metrics, and of the node lists the migrate_pages workload reads.
#include <gtest/gtest.h>

#include <cstring>

#include "collect/pressure/enum_labels.h"
#include "collect/pressure/migrate_metrics.h"
#include "kmh_common.h"
#include "workloads/numa_nodes.h"

namespace kmh {
namespace {

// enum migrate_reason and enum migrate_mode as Debian's 6.1 BTF has them (MR_DAMON came later).
const std::map<std::string, long long> reasons_6_1 = {
	{"MR_COMPACTION", 0}, {"MR_MEMORY_FAILURE", 1}, {"MR_MEMORY_HOTPLUG", 2}, {"MR_SYSCALL", 3},
	{"MR_MEMPOLICY_MBIND", 4}, {"MR_NUMA_MISPLACED", 5}, {"MR_CONTIG_RANGE", 6}, {"MR_LONGTERM_PIN", 7},
	{"MR_DEMOTION", 8}, {"MR_TYPES", 9}};
const std::map<std::string, long long> modes_6_1 = {
	{"MIGRATE_ASYNC", 0}, {"MIGRATE_SYNC_LIGHT", 1}, {"MIGRATE_SYNC", 2}, {"MIGRATE_SYNC_NO_COPY", 3}};

TEST(EnumLabels, NamesValuesByTheirEnumeratorWithoutThePrefix)
{
	EnumLabels reasons = enum_labels(reasons_6_1, "MR_");
	EXPECT_EQ(enum_label(reasons, 0, "reason"), "compaction");
	EXPECT_EQ(enum_label(reasons, 3, "reason"), "syscall");
	EXPECT_EQ(enum_label(reasons, 4, "reason"), "mempolicy_mbind");
	EXPECT_EQ(enum_label(reasons, 12, "reason"), "reason_12");
	EnumLabels modes = enum_labels(modes_6_1, "MIGRATE_");
	EXPECT_EQ(enum_label(modes, 1, "mode"), "sync_light");
	EXPECT_EQ(enum_label(modes, 3, "mode"), "sync_no_copy");
	// Without BTF every value is unnamed; an enumerator without the prefix is only lowercased.
	EXPECT_EQ(enum_label(enum_labels({}, "MR_"), 3, "reason"), "reason_3");
	EXPECT_EQ(enum_label(enum_labels({{"OTHER_X", 5}}, "MR_"), 5, "reason"), "other_x");
}

MigrateEntry entry(const char *comm, unsigned scope, int reason, int mode, kmh_migrate_counts counts)
{
	kmh_migrate_key key{};
	std::strncpy(key.comm, comm, sizeof(key.comm));
	key.scope = scope;
	key.reason = reason;
	key.mode = mode;
	return {key, counts};
}

TEST(MigrateMetrics, EveryKeyHasItsCallsAndPagesAndNonZeroFolioCounts)
{
	std::vector<Metric> metrics = migrate_count_metrics(
		{entry("move_pages", KMH_SCOPE_WORKLOAD, 3, 2, {1, 1024, 0, 0, 0, 0, 0}),
		 entry("compact", KMH_SCOPE_SYSTEM, 0, 2, {77, 14962, 49, 1, 0, 2, 58})},
		enum_labels(reasons_6_1, "MR_"), enum_labels(modes_6_1, "MIGRATE_"));
	ASSERT_EQ(metrics.size(), 3u + 6u);
	Labels mover = {{"comm", "move_pages"}, {"scope", "workload"}, {"reason", "syscall"}, {"mode", "sync"}};
	EXPECT_EQ(metrics[0].name, "migrate.events");
	EXPECT_EQ(metrics[0].labels, mover);
	EXPECT_EQ(metrics[0].value, 1);
	EXPECT_EQ(metrics[1].name, "migrate.succeeded.pages");
	EXPECT_EQ(metrics[1].value, 1024);
	EXPECT_EQ(metrics[2].name, "migrate.failed.pages");
	EXPECT_EQ(metrics[2].value, 0);  // written although 0: the call happened
	EXPECT_EQ(metrics[3].labels.at("reason"), "compaction");
	EXPECT_EQ(metrics[3].labels.at("scope"), "system");
	EXPECT_EQ(metrics[6].name, "migrate.thp_succeeded.folios");
	EXPECT_EQ(metrics[7].name, "migrate.thp_split.folios");
	EXPECT_EQ(metrics[7].value, 2);
	EXPECT_EQ(metrics[8].name, "migrate.large_folio_split.folios");
	EXPECT_EQ(metrics[8].value, 58);
}

TEST(NumaNodes, ParsesTheKernelsNodeLists)
{
	EXPECT_EQ(parse_node_list("0\n"), (std::vector<int>{0}));
	EXPECT_EQ(parse_node_list("0-1\n"), (std::vector<int>{0, 1}));
	EXPECT_EQ(parse_node_list("0,2-4,7"), (std::vector<int>{0, 2, 3, 4, 7}));
	EXPECT_EQ(parse_node_list(""), std::nullopt);
	EXPECT_EQ(parse_node_list("1-0"), std::nullopt);
	EXPECT_EQ(parse_node_list("0,0"), std::nullopt);
	EXPECT_EQ(parse_node_list("0,"), std::nullopt);
	EXPECT_EQ(parse_node_list("a"), std::nullopt);
	EXPECT_EQ(parse_node_list("-1"), std::nullopt);
}

}  // namespace
}  // namespace kmh
