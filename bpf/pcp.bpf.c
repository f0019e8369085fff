// SPDX-License-Identifier: GPL-2.0
/*
 * pcp collector: per-CPU page list refills and drains by cpu x order x migratetype.
 *
 * mm_page_alloc_zone_locked fires for every page taken from the buddy lists
 * under the zone lock; percpu_refill tells a refill of the per-CPU list
 * (rmqueue_bulk) from a direct buddy allocation. mm_page_pcpu_drain fires for
 * every page free_pcppages_bulk() returns to the buddy lists.
 * Older kernels' tracepoint has no percpu_refill field: the classic
 * tracepoint variant detects that with bpf_core_field_exists() and counts
 * every zone-locked allocation as a refill; tp_btf and raw_tp fail to load
 * there (one argument fewer) and the loader falls back.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "counters.bpf.h"
#include "percpu_refill.bpf.h"
#include "variants.bpf.h"

char LICENSE[] SEC("license") = "GPL";

KMH_PAGE_COUNTERS(refill_counts);
KMH_PAGE_COUNTERS(direct_counts);
KMH_PAGE_COUNTERS(drain_counts);

static __always_inline int on_zone_locked(unsigned int order, int migratetype, int percpu_refill)
{
	count_page_event(percpu_refill ? (void *)&refill_counts : (void *)&direct_counts, order, migratetype);
	return KMH_KEEP_EVENT;
}

static __always_inline int on_pcpu_drain(unsigned int order, int migratetype)
{
	count_page_event(&drain_counts, order, migratetype);
	return KMH_KEEP_EVENT;
}

KMH_BTF_PROGRAMS(mm_page_alloc_zone_locked, on_zone_locked(order, migratetype, percpu_refill),
		 struct page *page, unsigned int order, int migratetype, int percpu_refill)

SEC("tp/kmem/mm_page_alloc_zone_locked")
int mm_page_alloc_zone_locked__tracepoint(struct trace_event_raw_mm_page *ctx)
{
	return on_zone_locked(BPF_CORE_READ(ctx, order), BPF_CORE_READ(ctx, migratetype),
			      tracepoint_percpu_refill(ctx));
}

KMH_BTF_PROGRAMS(mm_page_pcpu_drain, on_pcpu_drain(order, migratetype),
		 struct page *page, unsigned int order, int migratetype)

SEC("tp/kmem/mm_page_pcpu_drain")
int mm_page_pcpu_drain__tracepoint(struct trace_event_raw_mm_page_pcpu_drain *ctx)
{
	return on_pcpu_drain(BPF_CORE_READ(ctx, order), BPF_CORE_READ(ctx, migratetype));
}
