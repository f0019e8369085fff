// Reading the malloc collector's hash maps and the stack trace map.
#include "collect/process/malloc_readout.h"

#include <bpf/bpf.h>

#include <algorithm>
#include <cstring>
#include <iterator>

#include "collect/bpf/hash_map_reader.h"
#include "collect/bpf/percpu_map_reader.h"

namespace kmh {

namespace {

template <typename Value>
Value decode(const std::vector<std::uint8_t> &bytes)
{
	Value value;
	std::memcpy(&value, bytes.data(), sizeof(value));
	return value;
}

std::string comm_of(const char *comm)
{
	return std::string(comm, strnlen(comm, KMH_COMM_LEN));
}

// Where each field of struct malloc_totals goes, in the struct's order.
constexpr std::uint64_t MallocCommCounts::*totals_fields[] = {
	&MallocCommCounts::alloc_events,   &MallocCommCounts::alloc_bytes,   &MallocCommCounts::free_events,
	&MallocCommCounts::mmapped_events, &MallocCommCounts::mmapped_bytes, &MallocCommCounts::untracked_events,
};
static_assert(std::size(totals_fields) * sizeof(__u64) == sizeof(malloc_totals));

void read_totals(bpf_object *object, MallocReadout &readout)
{
	constexpr std::size_t size = sizeof(malloc_totals);
	for (const RawMapEntry &entry : read_hash_map(map_fd(object, "totals"), KMH_COMM_LEN, percpu_value_size(size))) {
		MallocCommCounts &counts = readout.by_comm[comm_of(reinterpret_cast<const char *>(entry.key.data()))];
		for (std::size_t field = 0; field < std::size(totals_fields); field++)
			counts.*totals_fields[field] = sum_percpu_u64(entry.value, size, field);
	}
}

void read_stack_totals(bpf_object *object, MallocReadout &readout)
{
	constexpr std::size_t size = sizeof(malloc_stack_totals);
	for (const RawMapEntry &entry :
	     read_hash_map(map_fd(object, "stack_totals"), sizeof(__s32), percpu_value_size(size))) {
		MallocStack &stack = readout.by_stack[decode<__s32>(entry.key)];
		stack.alloc_events = sum_percpu_u64(entry.value, size, 0);
		stack.alloc_bytes = sum_percpu_u64(entry.value, size, 1);
		for (std::uint64_t tgid : percpu_u64_field(entry.value, size, 2))
			if (tgid)
				stack.tgid = static_cast<std::uint32_t>(tgid);
	}
}

void read_outstanding(bpf_object *object, MallocReadout &readout)
{
	for (const RawMapEntry &entry :
	     read_hash_map(map_fd(object, "outstanding"), sizeof(__u64), sizeof(malloc_outstanding))) {
		auto block = decode<malloc_outstanding>(entry.value);
		MallocCommCounts &comm = readout.by_comm[comm_of(block.comm)];
		comm.outstanding_allocations++;
		comm.outstanding_bytes += block.size;
		MallocStack &stack = readout.by_stack[block.stack_id];
		stack.leak_allocations++;
		stack.leak_bytes += block.size;
		stack.tgid = block.tgid;
	}
}

void read_addresses(bpf_object *object, MallocReadout &readout)
{
	int fd = map_fd(object, "stacks");
	for (auto &[id, stack] : readout.by_stack) {
		std::vector<std::uint64_t> addresses(KMH_MALLOC_STACK_DEPTH, 0);
		__u32 key = static_cast<__u32>(id);
		if (id == KMH_MALLOC_NO_STACK || bpf_map_lookup_elem(fd, &key, addresses.data()) != 0)
			continue;
		addresses.erase(std::find(addresses.begin(), addresses.end(), 0), addresses.end());
		stack.addresses = std::move(addresses);
	}
}

}  // namespace

MallocReadout read_malloc_maps(bpf_object *object)
{
	MallocReadout readout;
	read_totals(object, readout);
	read_stack_totals(object, readout);
	read_outstanding(object, readout);
	read_addresses(object, readout);
	return readout;
}

}  // namespace kmh
