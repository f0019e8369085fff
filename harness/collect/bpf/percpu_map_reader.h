// Reading per-CPU BPF maps: one value per possible CPU for each key.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct bpf_object;

namespace kmh {

// The map's file descriptor by name; throws run_error when the object has no such map.
int map_fd(bpf_object *object, const std::string &map_name);

// values[key][cpu] of a per-CPU array of u64.
std::vector<std::vector<std::uint64_t>> read_percpu_u64_array(int fd, std::uint32_t entries);

// Per-CPU array of fixed-size structs: raw bytes, `value_size` per CPU, for each key.
std::vector<std::vector<std::uint8_t>> read_percpu_struct_array(int fd, std::uint32_t entries,
								std::size_t value_size);

int possible_cpu_count();

}  // namespace kmh
