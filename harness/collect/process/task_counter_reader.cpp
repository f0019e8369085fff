// Walking a per-CPU hash with bpf_map_get_next_key and adding up each key's per-CPU tallies.
#include "collect/process/task_counter_reader.h"

#include <bpf/bpf.h>

#include "collect/bpf/percpu_map_reader.h"
#include "collect/process/usermem_labels.h"
#include "kmh_common.h"
#include "metrics/catalog.h"

namespace kmh {

std::vector<std::pair<std::vector<unsigned char>, task_tally>> read_task_counters(int fd, std::size_t key_size)
{
	std::vector<std::pair<std::vector<unsigned char>, task_tally>> entries;
	std::vector<unsigned char> key(key_size), next(key_size);
	std::vector<task_tally> per_cpu(possible_cpu_count());
	const void *previous = nullptr;
	while (bpf_map_get_next_key(fd, previous, next.data()) == 0) {
		key = next;
		previous = key.data();
		if (bpf_map_lookup_elem(fd, key.data(), per_cpu.data()) != 0)
			continue;
		task_tally sum{};
		for (const task_tally &tally : per_cpu) {
			sum.events += tally.events;
			sum.bytes += tally.bytes;
		}
		entries.emplace_back(key, sum);
	}
	return entries;
}

Labels task_labels(const task_scope &task)
{
	return {{"comm", comm_label(task.comm, sizeof(task.comm))},
		{"scope", task.scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system}};
}

}  // namespace kmh
