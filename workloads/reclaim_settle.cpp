// Polling /proc/vmstat's reclaim counters until they stop moving, within a time limit.
#include "workloads/reclaim_settle.h"

#include <optional>
#include <sstream>
#include <thread>

#include "common/error.h"
#include "system/file_io.h"

namespace kmh {

namespace {

using Clock = std::chrono::steady_clock;

std::uint64_t required(const std::optional<std::uint64_t> &value, const std::string &name)
{
	if (!value)
		throw run_error("/proc/vmstat has no " + name + " counter");
	return *value;
}

}  // namespace

ReclaimCounters parse_reclaim_counters(const std::string &vmstat)
{
	std::istringstream lines(vmstat);
	std::optional<std::uint64_t> pswpout, pgsteal_kswapd;
	std::string name;
	std::uint64_t value = 0;
	while (lines >> name >> value) {
		if (name == "pswpout")
			pswpout = value;
		else if (name == "pgsteal_kswapd")
			pgsteal_kswapd = value;
	}
	return {required(pswpout, "pswpout"), required(pgsteal_kswapd, "pgsteal_kswapd")};
}

ReclaimCounters read_reclaim_counters()
{
	std::optional<std::string> text = read_text_file("/proc/vmstat");
	if (!text)
		throw run_error("cannot read /proc/vmstat");
	return parse_reclaim_counters(*text);
}

SettleOutcome wait_for_reclaim_quiet(const SettlePolicy &policy, const std::function<ReclaimCounters()> &read)
{
	auto started = Clock::now();
	auto waited = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
	ReclaimCounters last = read();
	for (int quiet = 0; quiet < policy.quiet_polls;) {
		if (Clock::now() - started >= policy.limit)
			return {false, waited()};
		std::this_thread::sleep_for(policy.interval);
		ReclaimCounters now = read();
		quiet = now == last ? quiet + 1 : 0;
		last = now;
	}
	return {true, waited()};
}

}  // namespace kmh
