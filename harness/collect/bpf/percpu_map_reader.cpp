// Looking up every key of a per-CPU map once, at the end of a run.
#include "collect/bpf/percpu_map_reader.h"

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include <cstring>

#include "common/error.h"
#include "system/errno_error.h"

namespace kmh {

int possible_cpu_count()
{
	static const int count = libbpf_num_possible_cpus();
	if (count <= 0)
		throw run_error("cannot tell how many CPUs are possible (/sys/devices/system/cpu/possible)");
	return count;
}

int map_fd(bpf_object *object, const std::string &map_name)
{
	bpf_map *map = bpf_object__find_map_by_name(object, map_name.c_str());
	if (!map)
		throw run_error("BPF object has no map " + map_name);
	return bpf_map__fd(map);
}

std::vector<std::vector<std::uint8_t>> read_percpu_struct_array(int fd, std::uint32_t entries,
								std::size_t value_size)
{
	// libbpf requires per-CPU values rounded up to 8 bytes.
	std::size_t stride = (value_size + 7) / 8 * 8;
	std::vector<std::vector<std::uint8_t>> values(entries);
	for (std::uint32_t key = 0; key < entries; ++key) {
		values[key].resize(stride * possible_cpu_count());
		if (bpf_map_lookup_elem(fd, &key, values[key].data()) != 0)
			throw errno_error(ExitCode::run_failed, "cannot read BPF map entry " + std::to_string(key));
	}
	return values;
}

std::vector<std::vector<std::uint64_t>> read_percpu_u64_array(int fd, std::uint32_t entries)
{
	auto raw = read_percpu_struct_array(fd, entries, sizeof(std::uint64_t));
	std::vector<std::vector<std::uint64_t>> values(entries);
	for (std::uint32_t key = 0; key < entries; ++key) {
		values[key].resize(possible_cpu_count());
		std::memcpy(values[key].data(), raw[key].data(), values[key].size() * sizeof(std::uint64_t));
	}
	return values;
}

}  // namespace kmh
