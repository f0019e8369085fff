// Turning the usdt collector's hash map into metrics: hits per workload and probe, argument sums and buckets.
#pragma once

#include <linux/types.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "metrics/metric.h"
#include "scenario/scenario.h"
#include "usdt.h"

namespace kmh {

struct UsdtReadout {
	std::vector<std::pair<usdt_key, usdt_tally>> tallies;  // summed over CPUs
	std::map<std::uint32_t, std::uint64_t> unreadable;  // probe index -> hits whose argument was unreadable
};

// What was attached where: for each workload name, the indexes of the probes attached in it.
struct UsdtAttached {
	std::map<std::string, std::set<std::size_t>> probes_by_workload;
	std::map<std::uint32_t, std::string> workload_by_tgid;
};

// Every attached probe has its hits (0 when it never fired) and, with sum, its argument's sum;
// log2 buckets appear where a hit fell.
std::vector<Metric> usdt_metrics(const UsdtReadout &readout, const UsdtAttached &attached,
				 const std::vector<UsdtProbeSpec> &probes);

}  // namespace kmh
