// Event counts per kmem tracepoint, from perf stat's CSV or from the collectors' metrics.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

using EventCounts = std::map<std::string, double>;  // tracepoint name (mm_page_alloc) -> events

// perf stat -x, output: "12345,,kmem:mm_page_alloc,..." lines; other lines are ignored.
EventCounts parse_perf_stat_csv(const std::string &text);

// The collectors' metrics of one scope ("system" or "workload") and, unless `context` is empty, one
// context ("task", "softirq", ...) summed per tracepoint firing, e.g. pcp.refill.events +
// pcp.direct.events for mm_page_alloc_zone_locked, slab.kmalloc.events + its duplicate events for kmalloc.
EventCounts collector_event_counts(const std::vector<Metric> &metrics, const std::string &scope,
				   const std::string &context = "");

// True for the families collector_event_counts() sums (one event per tracepoint firing).
bool counts_tracepoint_events(const std::string &family);

double total_events(const EventCounts &counts);

}  // namespace kmh
