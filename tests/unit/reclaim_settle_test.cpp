// The wait for reclaim to go quiet: /proc/vmstat parsing, quiet polls, and the limit.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "common/error.h"
#include "workloads/reclaim_settle.h"

namespace kmh {
namespace {

using std::chrono::milliseconds;

// Hands out `readings` in turn, repeating the last one, and counts the calls.
struct ScriptedCounters {
	std::vector<ReclaimCounters> readings;
	std::size_t calls = 0;

	ReclaimCounters operator()() { return readings[std::min(calls++, readings.size() - 1)]; }
};

SettlePolicy fast_policy(milliseconds limit)
{
	SettlePolicy policy;
	policy.limit = limit;
	policy.interval = milliseconds(1);
	return policy;
}

TEST(ReclaimSettle, ParsesPswpoutAndPgstealKswapd)
{
	ReclaimCounters counters = parse_reclaim_counters("pgsteal_kswapd 7\npgsteal_direct 3\npswpin 1\npswpout 12\n");
	EXPECT_EQ(counters.pswpout, 12u);
	EXPECT_EQ(counters.pgsteal_kswapd, 7u);
}

TEST(ReclaimSettle, ACounterMissingFromVmstatIsARunError)
{
	try {
		parse_reclaim_counters("pswpout 12\n");
		FAIL() << "vmstat without pgsteal_kswapd was accepted";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::run_failed);
		EXPECT_NE(std::string(error.what()).find("pgsteal_kswapd"), std::string::npos) << error.what();
	}
}

TEST(ReclaimSettle, SettlesAfterThreeUnchangedReadingsInARow)
{
	ScriptedCounters counters{{{1, 1}, {2, 1}, {2, 1}, {2, 5}, {3, 5}}};
	SettleOutcome outcome = wait_for_reclaim_quiet(fast_policy(milliseconds(5000)), std::ref(counters));
	EXPECT_TRUE(outcome.settled);
	// Five scripted readings, the last of them followed by three equal ones.
	EXPECT_EQ(counters.calls, 8u);
}

TEST(ReclaimSettle, GivesUpWhenTheCountersKeepMoving)
{
	std::uint64_t pages = 0;
	auto moving = [&] { return ReclaimCounters{++pages, pages}; };
	SettleOutcome outcome = wait_for_reclaim_quiet(fast_policy(milliseconds(50)), moving);
	EXPECT_FALSE(outcome.settled);
	EXPECT_GE(outcome.seconds, 0.05);
	EXPECT_LT(outcome.seconds, 1.0);
}

}  // namespace
}  // namespace kmh
