// Walking a BPF hash map with get_next_key and looking each key up.
#include "collect/bpf/hash_map_reader.h"

#include <bpf/bpf.h>

#include <cerrno>
#include <cstring>
#include <numeric>
#include <string>

#include "collect/bpf/percpu_map_reader.h"
#include "common/error.h"
#include "system/errno_error.h"

namespace kmh {

std::vector<RawMapEntry> read_hash_map(int fd, std::size_t key_size, std::size_t value_size)
{
	std::vector<RawMapEntry> entries;
	std::vector<std::uint8_t> key(key_size), next(key_size);
	const void *previous = nullptr;
	while (bpf_map_get_next_key(fd, previous, next.data()) == 0) {
		RawMapEntry entry{next, std::vector<std::uint8_t>(value_size)};
		// An entry deleted between the two calls is simply gone.
		if (bpf_map_lookup_elem(fd, next.data(), entry.value.data()) == 0)
			entries.push_back(std::move(entry));
		else if (errno != ENOENT)
			throw errno_error(ExitCode::run_failed, "cannot read a BPF hash map entry");
		key = next;
		previous = key.data();
	}
	return entries;
}

std::size_t percpu_value_size(std::size_t value_size)
{
	return (value_size + 7) / 8 * 8 * static_cast<std::size_t>(possible_cpu_count());
}

std::vector<std::uint64_t> percpu_u64_field(const std::vector<std::uint8_t> &value, std::size_t value_size,
					    std::size_t field)
{
	std::size_t stride = (value_size + 7) / 8 * 8;
	std::vector<std::uint64_t> per_cpu;
	for (std::size_t at = field * sizeof(std::uint64_t); at + sizeof(std::uint64_t) <= value.size(); at += stride) {
		std::uint64_t part;
		std::memcpy(&part, value.data() + at, sizeof(part));
		per_cpu.push_back(part);
	}
	return per_cpu;
}

std::uint64_t sum_percpu_u64(const std::vector<std::uint8_t> &value, std::size_t value_size, std::size_t field)
{
	std::vector<std::uint64_t> per_cpu = percpu_u64_field(value, value_size, field);
	return std::accumulate(per_cpu.begin(), per_cpu.end(), std::uint64_t{0});
}

}  // namespace kmh
