// Counting, summing and merging per-process histograms into the families a collector declares.
#include "collect/pressure/process_stats_metrics.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>

#include "collect/bpf/hash_map_reader.h"
#include "collect/pressure/latency_quantiles.h"
#include "kmh_common.h"
#include "metrics/catalog.h"

namespace kmh {

const std::vector<std::pair<std::string, double>> latency_quantiles = {{"p50", 0.5}, {"p90", 0.9}, {"p99", 0.99}};

namespace {

// A histogram with its largest value, merged over entries.
struct Timing {
	std::vector<std::uint64_t> buckets = std::vector<std::uint64_t>(KMH_LATENCY_BUCKETS, 0);
	std::uint64_t total_ns = 0;
	std::uint64_t max_ns = 0;

	void add(const kmh_process_stats &stats)
	{
		for (std::size_t i = 0; i < buckets.size(); ++i)
			buckets[i] += stats.buckets[i];
		total_ns += stats.total_ns;
		max_ns = std::max<std::uint64_t>(max_ns, stats.max_ns);
	}
};

const char *scope_name(std::uint32_t scope)
{
	return scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system;
}

void add_quantiles(std::vector<Metric> &metrics, const std::string &name, Labels labels, const Timing &timing)
{
	for (const auto &[quantile, q] : latency_quantiles) {
		labels["quantile"] = quantile;
		metrics.push_back({name, labels, histogram_quantile(timing.buckets, q, timing.max_ns)});
	}
}

void add_counts(std::vector<Metric> &metrics, const ProcessFamily &family, const ProcessStatsEntry &entry)
{
	Labels labels = {{"comm", comm_text(entry.key.comm)}, {"scope", scope_name(entry.key.scope)}};
	if (!family.detail_label.empty())
		labels[family.detail_label] = family.detail_name(entry.key.detail);
	if (family.detail_labels)
		labels.merge(family.detail_labels(entry.key.detail));
	if (!family.events.empty())
		metrics.push_back({family.events, labels, double(entry.stats.events)});
	if (!family.amount.empty() && entry.stats.amount)
		metrics.push_back({family.amount, labels, double(entry.stats.amount)});
}

void add_timings(std::vector<Metric> &metrics, const ProcessFamily &family,
		 const std::vector<const ProcessStatsEntry *> &entries)
{
	std::map<std::pair<std::string, std::uint32_t>, Timing> by_comm;
	std::map<std::uint32_t, Timing> by_scope;
	for (const ProcessStatsEntry *entry : entries) {
		by_comm[{comm_text(entry->key.comm), entry->key.scope}].add(entry->stats);
		by_scope[entry->key.scope].add(entry->stats);
	}
	for (const auto &[comm_scope, timing] : by_comm) {
		Labels labels = {{"comm", comm_scope.first}, {"scope", scope_name(comm_scope.second)}};
		metrics.push_back({family.latency + ".total_ns", labels, double(timing.total_ns)});
		metrics.push_back({family.latency + ".max_ns", labels, double(timing.max_ns)});
		add_quantiles(metrics, family.latency + ".latency_ns", labels, timing);
	}
	for (const auto &[scope, timing] : by_scope)
		add_quantiles(metrics, family.latency + ".overall_latency_ns", {{"scope", scope_name(scope)}}, timing);
}

}  // namespace

std::string comm_text(const char (&comm)[KMH_COMM_LEN])
{
	return std::string(comm, strnlen(comm, KMH_COMM_LEN));
}

std::vector<ProcessStatsEntry> read_process_stats(int map_fd)
{
	std::vector<ProcessStatsEntry> entries;
	for (const auto &[key, stats] : read_hash_map<kmh_process_key, kmh_process_stats>(map_fd))
		entries.push_back({key, stats});
	return entries;
}

std::vector<Metric> process_stats_metrics(const std::vector<ProcessStatsEntry> &entries,
					  const std::vector<ProcessFamily> &families)
{
	std::vector<Metric> metrics;
	for (const ProcessFamily &family : families) {
		std::vector<const ProcessStatsEntry *> timed;
		for (const ProcessStatsEntry &entry : entries) {
			if (entry.key.kind != family.kind || entry.stats.events == 0)
				continue;
			add_counts(metrics, family, entry);
			timed.push_back(&entry);
		}
		if (!family.latency.empty() && !timed.empty())
			add_timings(metrics, family, timed);
	}
	return metrics;
}

}  // namespace kmh
