// Waiting, inside the measured window, until the kernel's reclaim has gone quiet after a workload's writes.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace kmh {

// The /proc/vmstat counters that keep moving while reclaim (kswapd above all) still writes or frees pages.
struct ReclaimCounters {
	std::uint64_t pswpout = 0;
	std::uint64_t pgsteal_kswapd = 0;
	bool operator==(const ReclaimCounters &) const = default;
};

// pswpout and pgsteal_kswapd from /proc/vmstat text; throws run_error when either is missing.
ReclaimCounters parse_reclaim_counters(const std::string &vmstat);
ReclaimCounters read_reclaim_counters();

struct SettlePolicy {
	std::chrono::nanoseconds limit{};  // how long to wait at most
	std::chrono::nanoseconds interval = std::chrono::milliseconds(100);
	int quiet_polls = 3;  // readings in a row equal to the one before them that make reclaim quiet
};

struct SettleOutcome {
	bool settled = false;  // false: the limit passed while the counters still moved
	double seconds = 0;    // how long it waited
};

// Reads the counters every policy.interval until policy.quiet_polls readings in a row saw no
// change, or until policy.limit has passed.
SettleOutcome wait_for_reclaim_quiet(const SettlePolicy &policy,
				     const std::function<ReclaimCounters()> &read = read_reclaim_counters);

}  // namespace kmh
