// SPDX-License-Identifier: GPL-2.0
/*
 * pcp_batches collector: per CPU, the batches the per-CPU page lists are refilled
 * and drained in, and the zone->lock acquisitions that moved them.
 *
 * A batch is a run of consecutive refill events (mm_page_alloc_zone_locked with
 * percpu_refill=1) or drain events (mm_page_pcpu_drain) on one CPU; any other
 * page event on that CPU (mm_page_alloc, mm_page_free, mm_page_free_batched, a
 * zone-locked allocation that is not a refill) ends the run. The allocation a
 * refill serves always follows it with mm_page_alloc, and a free that drains
 * is preceded by its mm_page_free, so a run ends at least there.
 *
 * rmqueue_bulk() and free_pcppages_bulk() take zone->lock once per call. Where
 * the kernel has them as functions (in BTF; 6.12 inlines rmqueue_bulk), their
 * calls are counted by fentry or else kprobe: the "any" programs, which user
 * space loads only when it can. Runs against calls say whether a batch is one
 * lock acquisition. Not default: it runs a program on every page allocation
 * and free.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "keep_event.bpf.h"
#include "pcp_batches.h"
#include "percpu_refill.bpf.h"
#include "variants.bpf.h"
#include "workload_scope.bpf.h"

char LICENSE[] SEC("license") = "GPL";

enum last_event { LAST_OTHER, LAST_REFILL, LAST_DRAIN };

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} last_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PCP_BATCH_COUNTS);
	__type(key, __u32);
	__type(value, __u64);
} batch_counts SEC(".maps");

static __always_inline void bump(__u32 slot)
{
	__u64 *count = bpf_map_lookup_elem(&batch_counts, &slot);

	if (count)
		*count += 1;
}

/* Records this CPU's latest page event; a refill or drain after another kind starts a batch. */
static __always_inline int on_page_event(__u32 kind)
{
	__u32 zero = 0;
	__u32 *last = bpf_map_lookup_elem(&last_events, &zero);

	if (!last)
		return KMH_KEEP_EVENT;
	if (kind != LAST_OTHER && *last != kind)
		bump(kind == LAST_REFILL ? PCP_REFILL_BATCHES : PCP_DRAIN_BATCHES);
	*last = kind;
	return KMH_KEEP_EVENT;
}

KMH_BTF_PROGRAMS(mm_page_alloc_zone_locked, on_page_event(percpu_refill ? LAST_REFILL : LAST_OTHER),
		 struct page *page, unsigned int order, int migratetype, int percpu_refill)

SEC("tp/kmem/mm_page_alloc_zone_locked")
int mm_page_alloc_zone_locked__tracepoint(struct trace_event_raw_mm_page *ctx)
{
	return on_page_event(tracepoint_percpu_refill(ctx) ? LAST_REFILL : LAST_OTHER);
}

KMH_ARGLESS_PROGRAMS(kmem, mm_page_pcpu_drain, on_page_event(LAST_DRAIN))
KMH_ARGLESS_PROGRAMS(kmem, mm_page_alloc, on_page_event(LAST_OTHER))
KMH_ARGLESS_PROGRAMS(kmem, mm_page_free, on_page_event(LAST_OTHER))
KMH_ARGLESS_PROGRAMS(kmem, mm_page_free_batched, on_page_event(LAST_OTHER))

/* The lock acquisitions: "<function>__any__<probe>", loaded with every tracepoint variant. */
#define KMH_LOCK_PROBES(function, slot)					\
	SEC("fentry/" #function)					\
	int BPF_PROG(function##__any__fentry)				\
	{								\
		bump(slot);						\
		return 0;						\
	}								\
	SEC("kprobe/" #function)					\
	int BPF_KPROBE(function##__any__kprobe)				\
	{								\
		bump(slot);						\
		return 0;						\
	}

KMH_LOCK_PROBES(rmqueue_bulk, PCP_REFILL_LOCKS)
KMH_LOCK_PROBES(free_pcppages_bulk, PCP_DRAIN_LOCKS)
