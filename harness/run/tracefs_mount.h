// Makes sure tracefs is mounted for the classic tracepoint variant, and unmounts it if we mounted it.
#pragma once

#include <string>

namespace kmh {

class TracefsMount {
public:
	// Mounts tracefs at /sys/kernel/tracing when no tracefs is visible; never throws.
	TracefsMount();
	~TracefsMount();
	TracefsMount(const TracefsMount &) = delete;
	TracefsMount &operator=(const TracefsMount &) = delete;

	// The events directory, e.g. /sys/kernel/tracing/events, or "" when tracefs is unavailable.
	const std::string &events_dir() const { return events_dir_; }

private:
	std::string events_dir_;
	bool mounted_by_us_ = false;
};

// Where tracefs is mounted now ("" if nowhere), read from /proc/self/mounts.
std::string find_tracefs();

}  // namespace kmh
