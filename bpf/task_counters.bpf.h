/* SPDX-License-Identifier: GPL-2.0 */
/* Counting events per process (comm) and scope in a per-CPU hash, the usermem collectors' one way. */
#ifndef __KMH_TASK_COUNTERS_BPF_H
#define __KMH_TASK_COUNTERS_BPF_H

#include <bpf/bpf_helpers.h>
#include "keep_event.bpf.h"
#include "kmh_common.h"
#include "task_counters.h"
#include "workload_scope.bpf.h"

/* A per-CPU hash from a key starting with struct task_scope to a struct task_tally. */
#define KMH_TASK_COUNTERS(map_name, key_type)				\
	struct {							\
		__uint(type, BPF_MAP_TYPE_PERCPU_HASH);			\
		__uint(max_entries, KMH_TASK_KEYS);			\
		__type(key, key_type);					\
		__type(value, struct task_tally);			\
	} map_name SEC(".maps")

static __always_inline void add_tally(void *map, const void *key, __u64 bytes)
{
	struct task_tally *tally = bpf_map_lookup_elem(map, key);
	struct task_tally first = { .events = 1, .bytes = bytes };

	if (!tally) {
		if (bpf_map_update_elem(map, key, &first, BPF_NOEXIST) == 0)
			return;
		/* Another CPU made the entry first, or the map is full (docs/metrics.md states the bound). */
		tally = bpf_map_lookup_elem(map, key);
		if (!tally)
			return;
	}
	tally->events += 1;
	tally->bytes += bytes;
}

/*
 * Count one event of `key` (whose first member is `task`) for the current
 * task: in the system scope, and in the workload scope when it is ours.
 */
static __always_inline void count_task_event(void *map, struct task_scope *task, void *key, __u64 bytes)
{
	bpf_get_current_comm(task->comm, sizeof(task->comm));
	task->scope = KMH_SCOPE_SYSTEM;
	add_tally(map, key, bytes);
	if (in_workload()) {
		task->scope = KMH_SCOPE_WORKLOAD;
		add_tally(map, key, bytes);
	}
}

#endif /* __KMH_TASK_COUNTERS_BPF_H */
