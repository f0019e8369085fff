// Reading every entry of a BPF hash map (plain or per-CPU) once, at the end of a run.
#pragma once

#include <bpf/bpf.h>

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace kmh {

// Every (key, value) pair of the (not per-CPU) hash map `fd`; entries removed while it is
// walked are skipped.
template <typename Key, typename Value>
std::vector<std::pair<Key, Value>> read_hash_map(int fd)
{
	std::vector<std::pair<Key, Value>> entries;
	Key key{}, next{};
	Key *previous = nullptr;
	while (bpf_map_get_next_key(fd, previous, &next) == 0) {
		key = next;
		previous = &key;
		Value value{};
		if (bpf_map_lookup_elem(fd, &key, &value) == 0)
			entries.emplace_back(key, value);
	}
	return entries;
}

struct RawMapEntry {
	std::vector<std::uint8_t> key;
	std::vector<std::uint8_t> value;  // per-CPU maps: one 8-byte-aligned value per possible CPU
};

// Every entry of the hash map `fd` as bytes. Pass the map's key and value sizes; for a per-CPU
// map pass percpu_value_size(value size).
std::vector<RawMapEntry> read_hash_map(int fd, std::size_t key_size, std::size_t value_size);

// The bytes libbpf returns for one per-CPU value: rounded up to 8, times the possible CPUs.
std::size_t percpu_value_size(std::size_t value_size);

// Field number `field` (each field a u64) of a per-CPU struct value laid out as
// percpu_value_size() describes: one number per CPU.
std::vector<std::uint64_t> percpu_u64_field(const std::vector<std::uint8_t> &value, std::size_t value_size,
					    std::size_t field);

// The sum of percpu_u64_field() over the CPUs.
std::uint64_t sum_percpu_u64(const std::vector<std::uint8_t> &value, std::size_t value_size, std::size_t field);

}  // namespace kmh
