// SPDX-License-Identifier: GPL-2.0
/*
 * page_alloc collector: buddy allocations and frees by cpu x order x migratetype.
 *
 * Each event has three entry points, one per attach variant; user space
 * loads only the variant it chose (tp_btf, else raw_tp, else the classic
 * tracepoint) and all of them feed the same counting function.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "counters.bpf.h"
#include "variants.bpf.h"

char LICENSE[] SEC("license") = "GPL";

KMH_PAGE_COUNTERS(alloc_counts);
KMH_PAGE_COUNTERS(alloc_failures);
KMH_PAGE_COUNTERS(free_counts);	/* migratetype slot 0: the tracepoint has none */
KMH_PAGE_COUNTERS(free_batched_counts);	/* order 0, migratetype slot 0 */

static __always_inline int on_page_alloc(int got_page, unsigned int order, int migratetype)
{
	count_page_event(got_page ? (void *)&alloc_counts : (void *)&alloc_failures, order, migratetype);
	return KMH_KEEP_EVENT;
}

static __always_inline int on_page_free(unsigned int order)
{
	count_page_event(&free_counts, order, 0);
	return KMH_KEEP_EVENT;
}

static __always_inline int on_page_free_batched(void)
{
	count_page_event(&free_batched_counts, 0, 0);
	return KMH_KEEP_EVENT;
}

KMH_BTF_PROGRAMS(mm_page_alloc, on_page_alloc(page != 0, order, migratetype),
		 struct page *page, unsigned int order, gfp_t gfp, int migratetype)

SEC("tp/kmem/mm_page_alloc")
int mm_page_alloc__tracepoint(struct trace_event_raw_mm_page_alloc *ctx)
{
	return on_page_alloc(BPF_CORE_READ(ctx, pfn) != -1UL, BPF_CORE_READ(ctx, order),
			     BPF_CORE_READ(ctx, migratetype));
}

KMH_BTF_PROGRAMS(mm_page_free, on_page_free(order), struct page *page, unsigned int order)

SEC("tp/kmem/mm_page_free")
int mm_page_free__tracepoint(struct trace_event_raw_mm_page_free *ctx)
{
	return on_page_free(BPF_CORE_READ(ctx, order));
}

KMH_BTF_PROGRAMS(mm_page_free_batched, on_page_free_batched(), struct page *page)

SEC("tp/kmem/mm_page_free_batched")
int mm_page_free_batched__tracepoint(struct trace_event_raw_mm_page_free_batched *ctx)
{
	return on_page_free_batched();
}
