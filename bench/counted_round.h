// One counted run of a workload: the collectors (system and workload scope) against perf stat.
#pragma once

#include <string>

#include "bench_workloads.h"
#include "collect/kernel_facts.h"
#include "event_counts.h"

namespace kmh {

struct CountedRound {
	EventCounts ours_system;    // scope=system over the window the collectors were attached
	EventCounts ours_workload;  // scope=workload, task context: the loop ran in a forked child in its own cgroup v2
	EventCounts ours_workload_softirq;  // softirqs that landed while the loop's task was current
	EventCounts ours_workload_hardirq;  // hardirqs (and NMIs) that landed while it was current
	EventCounts perf_system;    // perf stat -a, enabled before ours attached, stopped after ours detached
	EventCounts perf_task;      // perf stat -p <the child>, from before its loop until after ours detached
	std::string perf_skipped;   // why perf counts are missing, or ""
};

// Runs the workload once in a forked child inside a fresh kmemharness cgroup; the child waits
// until perf and the collectors are attached, and exits after both have stopped counting. Throws kmh::Error (environment) when the collectors
// cannot attach or there is no cgroup2.
CountedRound count_workload_events(const BenchWorkload &workload, const KernelFacts &facts,
				   const std::string &scratch_prefix);

}  // namespace kmh
