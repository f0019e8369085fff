// Timing a workload under each variant, alternated round by round, and the medians that come out.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bench_workloads.h"
#include "tracer.h"

namespace kmh {

struct VariantTimes {
	std::string variant;
	std::vector<double> seconds;  // one per round, same round order for every variant that ran
	std::string skipped;          // why the variant did not run, or ""
	bool tool_missing = false;    // skipped because perf or bpftrace is not installed
};

// tracers[0] must be the bare variant. Each round runs every variant once, forwards on even
// rounds and backwards on odd ones (A B C, C B A, ...), timing only the workload between start()
// and stop(). A variant whose start() throws kmh::Error is skipped from then on with the reason.
std::vector<VariantTimes> time_variants(const std::vector<std::unique_ptr<Tracer>> &tracers,
					const BenchWorkload &workload, int rounds);

struct VariantSummary {
	double median_seconds = 0;
	double slowdown_percent = 0;  // median over rounds of (variant / bare - 1)
	double added_seconds = 0;     // median over rounds of (variant - bare)
};

VariantSummary summarize(const VariantTimes &variant, const VariantTimes &bare);

double median(std::vector<double> values);

}  // namespace kmh
