// Tests of turning per-process BPF statistics into metrics, and of naming OOM kill records.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "collect/pressure/oom_kill_record.h"
#include "collect/pressure/process_stats_metrics.h"
#include "kmh_common.h"

namespace kmh {
namespace {

ProcessStatsEntry entry(const char *comm, std::uint32_t scope, std::uint32_t kind, int detail, std::uint64_t events,
			std::uint64_t amount, std::initializer_list<std::pair<int, std::uint64_t>> buckets = {})
{
	ProcessStatsEntry e{};
	std::memcpy(e.key.comm, comm, std::min(std::strlen(comm), sizeof(e.key.comm)));
	e.key.scope = scope;
	e.key.kind = kind;
	e.key.detail = detail;
	e.stats.events = events;
	e.stats.amount = amount;
	for (auto [bucket, count] : buckets) {
		e.stats.buckets[bucket] = count;
		e.stats.total_ns += count << bucket;
		e.stats.max_ns = std::max<std::uint64_t>(e.stats.max_ns, 2ULL << bucket);
	}
	return e;
}

double value_of(const std::vector<Metric> &metrics, const std::string &name, const Labels &labels)
{
	for (const Metric &metric : metrics)
		if (metric.name == name && metric.labels == labels)
			return metric.value;
	ADD_FAILURE() << "no " << name;
	return -1;
}

std::size_t count_of(const std::vector<Metric> &metrics, const std::string &name)
{
	return std::count_if(metrics.begin(), metrics.end(), [&](const Metric &m) { return m.name == name; });
}

const std::vector<ProcessFamily> families = {
	{0, "t.run.events", "t.run.pages", "t.run", "status", [](int d) { return d == 8 ? std::string("success") : "other"; }},
	{1, "t.wake.events", "", "", ""},
};

TEST(ProcessStatsMetrics, CountsPerCommScopeAndDetail)
{
	auto metrics = process_stats_metrics({entry("kswapd0", KMH_SCOPE_SYSTEM, 0, 8, 3, 300),
					      entry("kswapd0", KMH_SCOPE_SYSTEM, 0, 1, 1, 0),
					      entry("dd", KMH_SCOPE_WORKLOAD, 1, 0, 5, 0)},
					     families);
	EXPECT_EQ(value_of(metrics, "t.run.events", {{"comm", "kswapd0"}, {"scope", "system"}, {"status", "success"}}), 3);
	EXPECT_EQ(value_of(metrics, "t.run.pages", {{"comm", "kswapd0"}, {"scope", "system"}, {"status", "success"}}), 300);
	EXPECT_EQ(value_of(metrics, "t.run.events", {{"comm", "kswapd0"}, {"scope", "system"}, {"status", "other"}}), 1);
	EXPECT_EQ(value_of(metrics, "t.wake.events", {{"comm", "dd"}, {"scope", "workload"}}), 5);
	EXPECT_EQ(count_of(metrics, "t.run.pages"), 1u) << "an amount of 0 is not written";
}

TEST(ProcessStatsMetrics, LatencyMergesDetailsPerCommAndCommsOverall)
{
	auto metrics = process_stats_metrics({entry("a", KMH_SCOPE_SYSTEM, 0, 8, 10, 0, {{10, 10}}),
					      entry("a", KMH_SCOPE_SYSTEM, 0, 1, 10, 0, {{20, 10}}),
					      entry("b", KMH_SCOPE_SYSTEM, 0, 8, 80, 0, {{3, 80}})},
					     families);
	Labels a = {{"comm", "a"}, {"scope", "system"}};
	EXPECT_EQ(value_of(metrics, "t.run.total_ns", a), 10 * 1024 + 10 * (1 << 20));
	EXPECT_EQ(value_of(metrics, "t.run.max_ns", a), 2 << 20);
	Labels a_p50 = a;
	a_p50["quantile"] = "p50";
	EXPECT_DOUBLE_EQ(value_of(metrics, "t.run.latency_ns", a_p50), 2048);  // the 10th of 20: top of [1024, 2048)
	EXPECT_DOUBLE_EQ(value_of(metrics, "t.run.overall_latency_ns", {{"quantile", "p50"}, {"scope", "system"}}),
			 8 + 50.0 / 80 * 8);
	EXPECT_EQ(count_of(metrics, "t.run.latency_ns"), 6u);  // two comms, three quantiles
	EXPECT_EQ(count_of(metrics, "t.run.overall_latency_ns"), 3u);
	EXPECT_EQ(count_of(metrics, "t.wake.events"), 0u);
}

TEST(OomKillRecord, LoadavgAndConstraintNames)
{
	auto loads = parse_loadavg("0.52 0.58 0.59 1/234 5678\n");
	ASSERT_TRUE(loads);
	EXPECT_DOUBLE_EQ((*loads)[2], 0.59);
	EXPECT_FALSE(parse_loadavg("garbage"));
	auto names = oom_constraint_names({{"CONSTRAINT_NONE", 0}, {"CONSTRAINT_MEMORY_POLICY", 2}, {"CONSTRAINT_MEMCG", 3}});
	EXPECT_EQ(constraint_name(names, 2), "memory_policy");
	EXPECT_EQ(constraint_name(names, 3), "memcg");
	EXPECT_EQ(constraint_name(names, KMH_OOM_UNKNOWN), "unknown");
	EXPECT_EQ(constraint_name(names, 9), "constraint_9");
}

TEST(OomKillRecord, JsonNamesEveryField)
{
	oom_kill_event event{};
	event.victim_pid = 42;
	std::strcpy(event.victim_comm, "oom_provoker");
	event.anon_rss_kb = 131072;
	event.constraint = 3;
	event.memcg = 1;
	event.order = 0;
	event.scope = KMH_SCOPE_WORKLOAD;
	event.memory_source = OOM_MEMORY_TRACEPOINT;
	nlohmann::json record = kill_record_json(event, {{3, "memcg"}}, {std::array<double, 3>{1, 2, 3}, 0.5});
	EXPECT_EQ(record["victim_comm"], "oom_provoker");
	EXPECT_EQ(record["constraint"], "memcg");
	EXPECT_EQ(record["memcg"], true);
	EXPECT_EQ(record["scope"], "workload");
	EXPECT_EQ(record["anon_rss_kb"], 131072);
	EXPECT_EQ(record["memory_source"], "mark_victim tracepoint");
	EXPECT_EQ(record["loadavg"][1], 2);
	event.memcg = KMH_OOM_UNKNOWN;
	event.order = KMH_OOM_UNKNOWN;
	record = kill_record_json(event, {}, {});
	EXPECT_TRUE(record["memcg"].is_null());
	EXPECT_TRUE(record["order"].is_null());
	EXPECT_TRUE(record["loadavg"].is_null());
}

}  // namespace
}  // namespace kmh
