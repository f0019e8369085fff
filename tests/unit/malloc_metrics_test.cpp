// Tests of the malloc collector's readout grouping: per comm, per stack label, the "[other stacks]" rest, leak stacks.
#include "collect/process/malloc_metrics.h"

#include <numeric>

#include <gtest/gtest.h>

#include "collect/bpf/stack_label.h"

namespace kmh {
namespace {

std::vector<StackFrame> frames_named(std::vector<std::string> names)
{
	std::vector<StackFrame> frames;
	for (const std::string &name : names)
		frames.push_back({0x401000, name, 0x10, "/usr/bin/app"});
	return frames;
}

double sum_of(const std::vector<Metric> &metrics, const std::string &name, const Labels &labels = {})
{
	double sum = 0;
	for (const Metric &metric : metrics) {
		bool matches = metric.name == name;
		for (const auto &[key, value] : labels)
			matches = matches && metric.labels.count(key) && metric.labels.at(key) == value;
		sum += matches ? metric.value : 0;
	}
	return sum;
}

std::size_t count_of(const std::vector<Metric> &metrics, const std::string &name)
{
	return std::count_if(metrics.begin(), metrics.end(), [&](const Metric &m) { return m.name == name; });
}

TEST(MallocMetrics, CountsByCommWithWorkloadScopeAndNoZeros)
{
	MallocReadout readout;
	readout.by_comm["app"] = {.alloc_events = 3, .alloc_bytes = 300, .free_events = 2, .outstanding_allocations = 1,
				  .outstanding_bytes = 100};
	std::vector<Metric> metrics = malloc_metrics(readout, {});
	EXPECT_EQ(sum_of(metrics, "malloc.alloc.events", {{"comm", "app"}, {"scope", "workload"}}), 3);
	EXPECT_EQ(sum_of(metrics, "malloc.alloc.bytes"), 300);
	EXPECT_EQ(sum_of(metrics, "malloc.free.events"), 2);
	EXPECT_EQ(sum_of(metrics, "malloc.outstanding.bytes"), 100);
	EXPECT_EQ(count_of(metrics, "malloc.mmapped.events"), 0u);
	EXPECT_EQ(count_of(metrics, "malloc.untracked.events"), 0u);
}

TEST(MallocMetrics, StacksSharingTheirInnermostFramesShareALabel)
{
	MallocReadout readout;
	readout.by_stack[1] = {.alloc_events = 10, .alloc_bytes = 1000, .leak_allocations = 4, .leak_bytes = 400};
	readout.by_stack[2] = {.alloc_events = 5, .alloc_bytes = 500, .leak_allocations = 5, .leak_bytes = 500};
	readout.by_stack[KMH_MALLOC_NO_STACK] = {.alloc_events = 1, .alloc_bytes = 8};
	StackFrames frames = {{1, frames_named({"leak", "run", "main", "start_a", "deeper_a"})},
			      {2, frames_named({"leak", "run", "main", "start_a", "deeper_b"})}};
	std::vector<Metric> metrics = malloc_metrics(readout, frames);
	Labels leak = {{"stack", "leak <- run <- main <- start_a"}, {"scope", "workload"}};
	EXPECT_EQ(sum_of(metrics, "malloc.leak.bytes", leak), 900);
	EXPECT_EQ(sum_of(metrics, "malloc.leak.allocations", leak), 9);
	EXPECT_EQ(sum_of(metrics, "malloc.stack.alloc.events", leak), 15);
	EXPECT_EQ(sum_of(metrics, "malloc.stack.alloc.bytes", {{"stack", no_stack_label}}), 8);
	EXPECT_EQ(count_of(metrics, "malloc.leak.bytes"), 1u);
}

TEST(MallocMetrics, SmallStacksBeyondTheLimitAreSummedAsOtherStacks)
{
	MallocReadout readout;
	StackFrames frames;
	const std::int32_t stacks = malloc_stack_series + 20;
	for (std::int32_t id = 0; id < stacks; id++) {
		readout.by_stack[id] = {.alloc_events = std::uint64_t(id + 1), .alloc_bytes = 8};
		frames[id] = frames_named({"path_" + std::to_string(id)});
	}
	std::vector<Metric> metrics = malloc_metrics(readout, frames);
	EXPECT_EQ(count_of(metrics, "malloc.stack.alloc.events"), malloc_stack_series + 1);
	EXPECT_EQ(sum_of(metrics, "malloc.stack.alloc.events"), stacks * (stacks + 1) / 2);
	EXPECT_EQ(sum_of(metrics, "malloc.stack.alloc.events", {{"stack", other_stacks_label}}), 20 * 21 / 2);
	EXPECT_EQ(sum_of(metrics, "malloc.stack.alloc.events", {{"stack", "path_" + std::to_string(stacks - 1)}}), stacks);
}

TEST(MallocLeakStacks, LargestLeaksFirstWithTheFramesOfTheirLargestStack)
{
	MallocReadout readout;
	readout.by_stack[1] = {.alloc_events = 2, .leak_allocations = 1, .leak_bytes = 10};
	readout.by_stack[2] = {.alloc_events = 9, .leak_allocations = 3, .leak_bytes = 3000};
	readout.by_stack[3] = {.alloc_events = 1, .leak_allocations = 1, .leak_bytes = 4000};
	readout.by_stack[4] = {.alloc_events = 7};
	StackFrames frames = {{1, frames_named({"small", "main", "a", "b", "x"})},
			      {2, frames_named({"big", "main"})},
			      {3, frames_named({"small", "main", "a", "b", "y"})},
			      {4, frames_named({"freed", "main"})}};
	std::vector<CollectedStack> stacks = malloc_leak_stacks(readout, frames);
	ASSERT_EQ(stacks.size(), 2u);
	EXPECT_EQ(stacks[0].stack, "small <- main <- a <- b");
	EXPECT_EQ(stacks[0].bytes, 4010);
	EXPECT_EQ(stacks[0].allocations, 2);
	EXPECT_EQ(stacks[0].frames.back().symbol, "y");
	EXPECT_EQ(stacks[0].collector, "malloc");
	EXPECT_EQ(stacks[1].stack, "big <- main");
}

TEST(MallocLeakStacks, KeepsOnlyTheLargest)
{
	MallocReadout readout;
	StackFrames frames;
	for (std::int32_t id = 0; id < 30; id++) {
		readout.by_stack[id] = {.leak_allocations = 1, .leak_bytes = std::uint64_t(100 + id)};
		frames[id] = frames_named({"leak_" + std::to_string(id)});
	}
	std::vector<CollectedStack> stacks = malloc_leak_stacks(readout, frames);
	ASSERT_EQ(stacks.size(), malloc_leak_stacks_kept);
	EXPECT_EQ(stacks.front().stack, "leak_29");
	EXPECT_EQ(stacks.back().bytes, 100 + 30 - malloc_leak_stacks_kept);
}

}  // namespace
}  // namespace kmh
