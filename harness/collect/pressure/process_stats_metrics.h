// Per-process event statistics (bpf/process_stats.h) read from their map and turned into metrics.
#pragma once

#include <linux/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "metrics/metric.h"
#include "process_stats.h"

namespace kmh {

struct ProcessStatsEntry {
	kmh_process_key key;
	kmh_process_stats stats;
};

// A task's comm as BPF copied it, up to the first NUL.
std::string comm_text(const char (&comm)[KMH_COMM_LEN]);

// Every entry of a process_stats hash map.
std::vector<ProcessStatsEntry> read_process_stats(int map_fd);

// How one event kind of a collector becomes metric families. Names left empty are not written.
struct ProcessFamily {
	std::uint32_t kind;
	std::string events;   // count of events, labels comm, scope and the detail label
	std::string amount;   // sum of the events' amounts (pages, objects), the same labels
	// Timed kinds: <latency>.total_ns and <latency>.max_ns {comm, scope}, <latency>.latency_ns
	// {comm, scope, quantile} and <latency>.overall_latency_ns {scope, quantile}.
	std::string latency;
	std::string detail_label;  // the label key.detail becomes (status, order); empty: none
	std::function<std::string(int)> detail_name = [](int detail) { return std::to_string(detail); };
	// Instead of detail_label: the labels a detail packing several values becomes (zone, order, result).
	std::function<Labels(int)> detail_labels = {};
};

// The quantiles written for each timed kind: p50, p90, p99.
extern const std::vector<std::pair<std::string, double>> latency_quantiles;

std::vector<Metric> process_stats_metrics(const std::vector<ProcessStatsEntry> &entries,
					  const std::vector<ProcessFamily> &families);

}  // namespace kmh
