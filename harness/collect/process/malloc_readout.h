// The malloc collector's maps, read once after its probes are detached, grouped by comm and by stack.
#pragma once

#include <linux/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kmh_malloc.h"

struct bpf_object;

namespace kmh {

// The fields of struct malloc_totals summed over the CPUs, and what is still allocated.
struct MallocCommCounts {
	std::uint64_t alloc_events = 0;
	std::uint64_t alloc_bytes = 0;
	std::uint64_t free_events = 0;
	std::uint64_t mmapped_events = 0;
	std::uint64_t mmapped_bytes = 0;
	std::uint64_t untracked_events = 0;
	std::uint64_t outstanding_allocations = 0;
	std::uint64_t outstanding_bytes = 0;
};

struct MallocStack {
	std::uint64_t alloc_events = 0;  // everything allocated from this stack, freed or not
	std::uint64_t alloc_bytes = 0;
	std::uint64_t leak_allocations = 0;  // still allocated at readout
	std::uint64_t leak_bytes = 0;
	std::uint32_t tgid = 0;                // a process whose memory map names the addresses
	std::vector<std::uint64_t> addresses = {};  // innermost first; empty when the stack was not stored
};

struct MallocReadout {
	std::map<std::string, MallocCommCounts> by_comm;
	std::map<std::int32_t, MallocStack> by_stack;  // by stack id; KMH_MALLOC_NO_STACK for the unstored
};

// Reads the totals, stack_totals, outstanding and stacks maps of a loaded malloc.bpf.c object.
MallocReadout read_malloc_maps(bpf_object *object);

}  // namespace kmh
