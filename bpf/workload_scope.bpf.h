/* SPDX-License-Identifier: GPL-2.0 */
/* Whether the current event was caused by the scenario's own processes (scope=workload). */
#ifndef __KMH_WORKLOAD_SCOPE_BPF_H
#define __KMH_WORKLOAD_SCOPE_BPF_H

#include <bpf/bpf_helpers.h>
#include "kmh_common.h"

#define KMH_MAX_WORKLOAD_PIDS 4096

/*
 * The id of the scenario's cgroup v2; every workload process runs in it.
 * bpf_get_current_cgroup_id() sees only the task, so in_workload() is true
 * for an interrupt that lands while a workload task is current too.
 */
const volatile __u64 workload_cgroup_id = 0;

/*
 * Kernel threads cannot join a cgroup, so the kmemharness module's per-CPU
 * workers are named by pid instead; the lookup is skipped when there are none.
 */
const volatile bool track_workload_pids = false;

/*
 * An interrupt that lands while a workload task is current was not caused by
 * it: the kmem collectors count only task context in scope=workload, unless
 * [collect] workload_context = "any" sets this.
 */
const volatile bool workload_any_context = false;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_MAX_WORKLOAD_PIDS);
	__type(key, __u32);
	__type(value, __u8);
} workload_pids SEC(".maps");

static __always_inline int in_workload(void)
{
	__u32 pid;

	if (workload_cgroup_id && bpf_get_current_cgroup_id() == workload_cgroup_id)
		return 1;
	if (!track_workload_pids)
		return 0;
	pid = (__u32)bpf_get_current_pid_tgid();
	return bpf_map_lookup_elem(&workload_pids, &pid) != 0;
}

/* in_workload() for an event that fired in `context` (KMH_CONTEXT_*). */
static __always_inline int in_workload_context(__u32 context)
{
	if (context != KMH_CONTEXT_TASK && !workload_any_context)
		return 0;
	return in_workload();
}

#endif /* __KMH_WORKLOAD_SCOPE_BPF_H */
