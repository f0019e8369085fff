// Grouping the malloc readout by comm and by stack label, and picking the stacks that leak most.
#include "collect/process/malloc_metrics.h"

#include <algorithm>
#include <string>
#include <utility>

#include "collect/bpf/stack_label.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

// Only the workload's processes are probed, so every series is scope=workload.
Labels labels_with_scope(const char *key, const std::string &value)
{
	return {{key, value}, {"scope", scope_workload}};
}

struct CommField {
	const char *metric;
	std::uint64_t MallocCommCounts::*value;
};

const CommField comm_fields[] = {
	{"malloc.alloc.events", &MallocCommCounts::alloc_events},
	{"malloc.alloc.bytes", &MallocCommCounts::alloc_bytes},
	{"malloc.free.events", &MallocCommCounts::free_events},
	{"malloc.mmapped.events", &MallocCommCounts::mmapped_events},
	{"malloc.mmapped.bytes", &MallocCommCounts::mmapped_bytes},
	{"malloc.untracked.events", &MallocCommCounts::untracked_events},
	{"malloc.outstanding.allocations", &MallocCommCounts::outstanding_allocations},
	{"malloc.outstanding.bytes", &MallocCommCounts::outstanding_bytes},
};

struct StackField {
	const char *metric;
	std::uint64_t MallocStack::*value;
};

const StackField stack_fields[] = {
	{"malloc.leak.bytes", &MallocStack::leak_bytes},
	{"malloc.leak.allocations", &MallocStack::leak_allocations},
	{"malloc.stack.alloc.events", &MallocStack::alloc_events},
	{"malloc.stack.alloc.bytes", &MallocStack::alloc_bytes},
};

// The stacks of one label (several stack ids can share a label: it names the innermost frames only).
struct LabelledStack {
	MallocStack sums;
	std::int32_t largest_leak = KMH_MALLOC_NO_STACK;  // the stack id whose frames stand for the label
};

std::string label_of(std::int32_t id, const StackFrames &frames)
{
	auto found = frames.find(id);
	return found == frames.end() ? std::string(no_stack_label) : stack_label(found->second);
}

std::map<std::string, LabelledStack> group_by_label(const MallocReadout &readout, const StackFrames &frames)
{
	std::map<std::string, LabelledStack> groups;
	for (const auto &[id, stack] : readout.by_stack) {
		LabelledStack &group = groups[label_of(id, frames)];
		std::uint64_t largest = group.largest_leak == KMH_MALLOC_NO_STACK
						? 0 : readout.by_stack.at(group.largest_leak).leak_bytes;
		if (stack.leak_bytes > largest)
			group.largest_leak = id;
		for (const StackField &field : stack_fields)
			group.sums.*field.value += stack.*field.value;
	}
	return groups;
}

// The largest `malloc_stack_series` values by label; the rest summed under other_stacks_label.
std::vector<std::pair<std::string, std::uint64_t>> largest_with_rest(std::vector<std::pair<std::string, std::uint64_t>> values)
{
	std::sort(values.begin(), values.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
	if (values.size() <= malloc_stack_series)
		return values;
	std::uint64_t rest = 0;
	for (std::size_t i = malloc_stack_series; i < values.size(); i++)
		rest += values[i].second;
	values.resize(malloc_stack_series);
	values.emplace_back(other_stacks_label, rest);
	return values;
}

void add_comm_metrics(const MallocReadout &readout, std::vector<Metric> &metrics)
{
	for (const auto &[comm, counts] : readout.by_comm)
		for (const CommField &field : comm_fields)
			if (std::uint64_t value = counts.*field.value)
				metrics.push_back({field.metric, labels_with_scope("comm", comm), double(value)});
}

void add_stack_metrics(const std::map<std::string, LabelledStack> &groups, std::vector<Metric> &metrics)
{
	for (const StackField &field : stack_fields) {
		std::vector<std::pair<std::string, std::uint64_t>> values;
		for (const auto &[label, group] : groups)
			if (std::uint64_t value = group.sums.*field.value)
				values.emplace_back(label, value);
		for (const auto &[label, value] : largest_with_rest(std::move(values)))
			metrics.push_back({field.metric, labels_with_scope("stack", label), double(value)});
	}
}

}  // namespace

std::vector<Metric> malloc_metrics(const MallocReadout &readout, const StackFrames &frames)
{
	std::vector<Metric> metrics;
	add_comm_metrics(readout, metrics);
	add_stack_metrics(group_by_label(readout, frames), metrics);
	return metrics;
}

std::vector<CollectedStack> malloc_leak_stacks(const MallocReadout &readout, const StackFrames &frames)
{
	std::vector<CollectedStack> stacks;
	for (const auto &[label, group] : group_by_label(readout, frames)) {
		if (!group.sums.leak_bytes)
			continue;
		auto found = frames.find(group.largest_leak);
		stacks.push_back({"malloc", label, double(group.sums.leak_bytes), double(group.sums.leak_allocations),
				  found == frames.end() ? std::vector<StackFrame>{} : found->second});
	}
	std::sort(stacks.begin(), stacks.end(), [](const auto &a, const auto &b) { return a.bytes > b.bytes; });
	if (stacks.size() > malloc_leak_stacks_kept)
		stacks.resize(malloc_leak_stacks_kept);
	return stacks;
}

}  // namespace kmh
