// The malloc collector's metrics and top leaking stacks, from its readout and each stack's frames.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "collect/process/malloc_readout.h"
#include "metrics/metric.h"
#include "report/collected_stack.h"

namespace kmh {

using StackFrames = std::map<std::int32_t, std::vector<StackFrame>>;  // by stack id, innermost first

// Series per stack family; the smaller ones are summed into stack="[other stacks]", so totals stay exact.
inline constexpr std::size_t malloc_stack_series = 50;
// Leaking stacks written to result.json with their frames.
inline constexpr std::size_t malloc_leak_stacks_kept = 10;
inline const char *const other_stacks_label = "[other stacks]";

// Per comm: malloc.alloc.*, malloc.free.events, malloc.mmapped.*, malloc.untracked.events,
// malloc.outstanding.*; per stack label: malloc.leak.*, malloc.stack.alloc.*. Zero values are left out.
std::vector<Metric> malloc_metrics(const MallocReadout &readout, const StackFrames &frames);

// The stacks with the most bytes still allocated, most first, at most malloc_leak_stacks_kept.
std::vector<CollectedStack> malloc_leak_stacks(const MallocReadout &readout, const StackFrames &frames);

}  // namespace kmh
