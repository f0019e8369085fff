/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU page-event counter arrays (scope x context x order x migratetype) and how every collector bumps them. */
#ifndef __KMH_COUNTERS_BPF_H
#define __KMH_COUNTERS_BPF_H

#include <bpf/bpf_helpers.h>
#include "keep_event.bpf.h"
#include "event_context.bpf.h"
#include "kmh_common.h"
#include "workload_scope.bpf.h"

#define KMH_PAGE_COUNTERS(map_name)					\
	struct {							\
		__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);		\
		__uint(max_entries, KMH_PAGE_SLOTS);			\
		__type(key, __u32);					\
		__type(value, __u64);					\
	} map_name SEC(".maps")

static __always_inline void bump_slot(void *map, __u32 slot)
{
	__u64 *count = bpf_map_lookup_elem(map, &slot);

	if (count)
		*count += 1;
}

/* Count one event in the system scope, and in the workload scope when it is ours, by context. */
static __always_inline void count_page_event(void *map, unsigned int order, int migratetype)
{
	unsigned int mt = migratetype < 0 ? KMH_MIGRATETYPES - 1 : migratetype;
	__u32 context = event_context();

	bump_slot(map, kmh_page_slot(KMH_SCOPE_SYSTEM, context, order, mt));
	if (in_workload_context(context))
		bump_slot(map, kmh_page_slot(KMH_SCOPE_WORKLOAD, context, order, mt));
}

#endif /* __KMH_COUNTERS_BPF_H */
