// Reading every entry of a (not per-CPU) BPF hash map once, at the end of a run.
#pragma once

#include <bpf/bpf.h>

#include <utility>
#include <vector>

namespace kmh {

// Every (key, value) pair of the hash map `fd`; entries removed while it is walked are skipped.
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

}  // namespace kmh
