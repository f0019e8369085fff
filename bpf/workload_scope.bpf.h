/* SPDX-License-Identifier: GPL-2.0 */
/* Whether the current event was caused by the scenario's own processes (scope=workload). */
#ifndef __KMH_WORKLOAD_SCOPE_BPF_H
#define __KMH_WORKLOAD_SCOPE_BPF_H

#include <bpf/bpf_helpers.h>

/*
 * The id of the scenario's cgroup v2; every workload process runs in it.
 * Events raised in interrupt context while a workload task is current count
 * as the workload's too: bpf_get_current_cgroup_id() sees only the task.
 */
const volatile __u64 workload_cgroup_id = 0;

static __always_inline int in_workload(void)
{
	return workload_cgroup_id && bpf_get_current_cgroup_id() == workload_cgroup_id;
}

#endif /* __KMH_WORKLOAD_SCOPE_BPF_H */
