// Reading a usermem collector's per-CPU hash of task_scope-led keys and task_tally values, summed over CPUs.
#pragma once

#include <cstring>
#include <vector>

#include "metrics/metric.h"

#include <linux/types.h>

#include "task_counters.h"

namespace kmh {

template <typename Key>
struct TaskCount {
	Key key;
	task_tally tally;  // events and bytes of every CPU added up
};

// Every key of the map once, its per-CPU tallies added up; raw bytes, `key_size` each.
std::vector<std::pair<std::vector<unsigned char>, task_tally>> read_task_counters(int fd, std::size_t key_size);

template <typename Key>
std::vector<TaskCount<Key>> read_task_counts(int fd)
{
	std::vector<TaskCount<Key>> counts;
	for (const auto &[raw, tally] : read_task_counters(fd, sizeof(Key))) {
		TaskCount<Key> count{};
		std::memcpy(&count.key, raw.data(), sizeof(Key));
		count.tally = tally;
		counts.push_back(count);
	}
	return counts;
}

// The labels every usermem series carries: comm and scope.
Labels task_labels(const task_scope &task);

}  // namespace kmh
