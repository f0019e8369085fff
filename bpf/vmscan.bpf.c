// SPDX-License-Identifier: GPL-2.0
/*
 * vmscan collector: reclaim by the allocating task, per process (comm) and scope.
 *
 * Direct reclaim (mm_vmscan_direct_reclaim_begin/end, the page allocator's slow
 * path) and memcg reclaim (mm_vmscan_memcg_reclaim_begin/end, a charge over a
 * memory cgroup's limit) are timed from begin to end of the same thread and count
 * the pages the end event says were reclaimed; shrink_slab calls are timed the
 * same way (they run nested inside reclaim, which is why starts are keyed by
 * kind too) and count the objects freed. kswapd wakeups and folios written out by
 * reclaim are counted.
 *
 * Linux 5.19 renamed mm_vmscan_writepage to mm_vmscan_write_folio when pageout()
 * was converted to folios; user space loads whichever the running kernel's BTF
 * has (btf_trace_<event>). A written folio may be large (a THP swapped out
 * whole): its pages, folio_nr_pages(), are what pswpout counts. The tp_btf and
 * raw_tp programs of mm_vmscan_write_folio add them up; the classic tracepoint
 * (only the folio's pfn) and mm_vmscan_writepage (its page may be a THP's head)
 * count events only.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "folio.bpf.h"
#include "process_stats.bpf.h"
#include "variants.bpf.h"
#include "vmscan.h"

char LICENSE[] SEC("license") = "GPL";

static __always_inline int on_begin(enum vmscan_kind kind)
{
	record_begin(kind);
	return 0;
}

static __always_inline int on_end(enum vmscan_kind kind, __u64 amount)
{
	record_end(kind, 0, amount);
	return 0;
}

static __always_inline int on_event(enum vmscan_kind kind)
{
	record_event(kind, 0, 0, -1);
	return 0;
}

/* A folio reclaim wrote out, and the pages it spans. */
static __always_inline int on_written(__u64 pages)
{
	record_event(VMSCAN_WRITEPAGE, 0, pages, -1);
	return 0;
}

KMH_ARGLESS_PROGRAMS(vmscan, mm_vmscan_direct_reclaim_begin, on_begin(VMSCAN_DIRECT_RECLAIM))
KMH_ARGLESS_PROGRAMS(vmscan, mm_vmscan_memcg_reclaim_begin, on_begin(VMSCAN_MEMCG_RECLAIM))
KMH_ARGLESS_PROGRAMS(vmscan, mm_shrink_slab_start, on_begin(VMSCAN_SHRINK_SLAB))
KMH_ARGLESS_PROGRAMS(vmscan, mm_vmscan_wakeup_kswapd, on_event(VMSCAN_KSWAPD_WAKEUP))
KMH_BTF_PROGRAMS(mm_vmscan_write_folio, on_written(folio_pages(folio)), struct folio *folio)

SEC("tp/vmscan/mm_vmscan_write_folio")
int mm_vmscan_write_folio__tracepoint(void *ctx)
{
	return on_event(VMSCAN_WRITEPAGE);
}

KMH_ARGLESS_PROGRAMS(vmscan, mm_vmscan_writepage, on_event(VMSCAN_WRITEPAGE))

KMH_BTF_PROGRAMS(mm_vmscan_direct_reclaim_end, on_end(VMSCAN_DIRECT_RECLAIM, nr_reclaimed), unsigned long nr_reclaimed)

SEC("tp/vmscan/mm_vmscan_direct_reclaim_end")
int mm_vmscan_direct_reclaim_end__tracepoint(struct trace_event_raw_mm_vmscan_direct_reclaim_end_template *ctx)
{
	return on_end(VMSCAN_DIRECT_RECLAIM, BPF_CORE_READ(ctx, nr_reclaimed));
}

KMH_BTF_PROGRAMS(mm_vmscan_memcg_reclaim_end, on_end(VMSCAN_MEMCG_RECLAIM, nr_reclaimed), unsigned long nr_reclaimed)

SEC("tp/vmscan/mm_vmscan_memcg_reclaim_end")
int mm_vmscan_memcg_reclaim_end__tracepoint(struct trace_event_raw_mm_vmscan_direct_reclaim_end_template *ctx)
{
	return on_end(VMSCAN_MEMCG_RECLAIM, BPF_CORE_READ(ctx, nr_reclaimed));
}

/* (shrinker, nid, freed, unused_scan, new_scan, total_scan): a negative `freed` frees nothing. */
KMH_BTF_PROGRAMS(mm_shrink_slab_end, on_end(VMSCAN_SHRINK_SLAB, freed > 0 ? freed : 0), struct shrinker *shr,
		 int nid, int freed)

SEC("tp/vmscan/mm_shrink_slab_end")
int mm_shrink_slab_end__tracepoint(struct trace_event_raw_mm_shrink_slab_end *ctx)
{
	int freed = BPF_CORE_READ(ctx, retval);

	return on_end(VMSCAN_SHRINK_SLAB, freed > 0 ? freed : 0);
}
