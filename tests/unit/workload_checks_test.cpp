// Tests of the workloads' own option checks and memory needs, through the scenario parser as validate runs them.
#include <gtest/gtest.h>

#include "collect/collector_registry.h"
#include "common/error.h"
#include "input_error_message.h"
#include "run/memory_need.h"
#include "scenario/scenario_parser.h"
#include "workloads/workload.h"

namespace kmh {
namespace {

constexpr std::int64_t GiB = 1LL << 30;

Scenario parse_real(const std::string &text)
{
	return parse_scenario_text(text, "dir/s.toml", find_workload_schema, workload_kinds(),
				   collector_names(collector_registry()));
}

// The message of the invalid_input error parsing `text` throws.
std::string error_of(const std::string &text)
{
	return input_error_message([&] { parse_real(text); }, text);
}

// Issue 13 #11: these validated and then failed in the run (malloc_leak) or in the guest (kmod).
TEST(WorkloadChecks, ValidateRefusesWhatTheRunWould)
{
	EXPECT_EQ(error_of("[[workload]]\nkind = \"malloc_leak\"\nleak_blocks = 1000000\nleak_size = \"16MiB\"\n"),
		  "dir/s.toml:1:1: [[workload]] #1 'malloc_leak' malloc_leak: leak_blocks x leak_size + large_blocks x "
		  "large_size is 16777216000000 bytes; at most 4 GiB may leak");
	EXPECT_EQ(error_of("[[workload]]\nkind = \"kmod\"\ngfp = \"1e30\"\n"),
		  "dir/s.toml:1:1: [[workload]] #1 'kmod' kmod: gfp flag '1e30' is not accepted here, accepted "
		  "GFP_KERNEL GFP_KERNEL_ACCOUNT GFP_NOWAIT GFP_ATOMIC __GFP_RECLAIMABLE __GFP_ZERO __GFP_NOWARN "
		  "__GFP_COMP combined with |");
	EXPECT_NE(error_of("[[workload]]\nkind = \"anon_fault\"\nbytes = 5000\n").find("is not a multiple of 4096"),
		  std::string::npos);
	EXPECT_NE(error_of("[[workload]]\nkind = \"pcp_bounce\"\ncpus = [0]\nalloc_cpu = 0\nfree_cpu = 1\n")
			  .find("free_cpu = 1 is not"),
		  std::string::npos);
	EXPECT_NE(error_of("[[workload]]\nkind = \"stress-ng\"\nstressor = \"vm\"\ntimeout = \"1500ms\"\n")
			  .find("whole number of seconds"),
		  std::string::npos);
}

TEST(WorkloadChecks, EveryShippedDefaultPassesItsCheck)
{
	for (const WorkloadDescriptor &descriptor : workload_registry()) {
		if (descriptor.schema.kind == "stress-ng")
			continue;  // its stressor has no default
		std::string text = "[[workload]]\nkind = \"" + descriptor.schema.kind + "\"\n";
		EXPECT_NO_THROW(parse_real(text)) << descriptor.schema.kind;
	}
}

// Issue 13 #5: both were inside their documented ranges and took the host down.
TEST(MemoryNeed, CountsWhatTheWorkloadsHoldAtOnce)
{
	EXPECT_EQ(scenario_memory_need(parse_real("[[workload]]\nkind = \"anon_fault\"\nbytes = \"23GiB\"\n")).bytes,
		  23 * GiB);
	// sparse_touch: a data page and a page-table page per 2 MiB stride of 64 TiB.
	EXPECT_EQ(scenario_memory_need(parse_real("[[workload]]\nkind = \"fragment\"\nbytes = \"64TiB\"\n")).bytes,
		  (64LL << 40) / (2LL << 20) * 2 * 4096);
}

TEST(MemoryNeed, SumsAPhaseTakesTheLargestAndStopsAtTheCgroupLimit)
{
	std::string two_phases = "[[workload]]\nkind = \"anon_fault\"\nname = \"a\"\nbytes = \"1GiB\"\n"
				 "[[workload]]\nkind = \"shm_pair\"\nname = \"b\"\nbytes = \"1GiB\"\n"
				 "[[workload]]\nkind = \"anon_fault\"\nname = \"c\"\nphase = 2\nbytes = \"3GiB\"\n";
	MemoryNeed need = scenario_memory_need(parse_real(two_phases));
	EXPECT_EQ(need.bytes, 3 * GiB);
	EXPECT_EQ(need.phase, 2);
	MemoryNeed capped = scenario_memory_need(parse_real(two_phases + "[cgroup]\nmemory_max = \"512MiB\"\n"));
	EXPECT_EQ(capped.bytes, GiB / 2);
}

TEST(MemoryNeed, AShortfallSaysHowMuchOfWhat)
{
	EXPECT_EQ(memory_shortfall({ 3 * GiB, 2 }, { 3 * GiB, "x" }), std::nullopt);
	EXPECT_EQ(memory_shortfall({ 23 * GiB, 1 }, { 20 * GiB, "MemAvailable + SwapFree in /proc/meminfo" }),
		  "memory: the workloads of phase 1 hold up to 23.0 GiB at once, and 20.0 GiB is available "
		  "(MemAvailable + SwapFree in /proc/meminfo); make them smaller, or set [cgroup] memory_max to "
		  "confine them");
}

TEST(MemoryNeed, TheRoomAvailableIsPositiveAndBelowTheMachinesMemory)
{
	MemoryRoom room = available_memory();
	EXPECT_GT(room.bytes, 0);
	EXPECT_LT(room.bytes, 1LL << 50);
	EXPECT_FALSE(room.source.empty());
}

}  // namespace
}  // namespace kmh
