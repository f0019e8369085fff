// SPDX-License-Identifier: GPL-2.0
/*
 * vmscan collector: reclaim by the allocating task, per process (comm) and scope.
 *
 * Direct reclaim (mm_vmscan_direct_reclaim_begin/end, the page allocator's slow
 * path) and memcg reclaim (mm_vmscan_memcg_reclaim_begin/end, a charge over a
 * memory cgroup's limit) are timed from begin to end of the same thread and count
 * the pages the end event says were reclaimed; shrink_slab calls are timed the
 * same way (they run nested inside reclaim, which is why starts are keyed by
 * kind too) and count the objects freed. kswapd wakeups and pages written out by
 * reclaim are counted.
 *
 * Linux 5.19 renamed mm_vmscan_writepage to mm_vmscan_write_folio when pageout()
 * was converted to folios; user space loads whichever the running kernel's BTF
 * has (btf_trace_<event>).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "process_stats.bpf.h"
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

SEC("tp_btf/mm_vmscan_direct_reclaim_begin")
int BPF_PROG(mm_vmscan_direct_reclaim_begin__tp_btf)
{
	return on_begin(VMSCAN_DIRECT_RECLAIM);
}

SEC("raw_tp/mm_vmscan_direct_reclaim_begin")
int BPF_PROG(mm_vmscan_direct_reclaim_begin__raw_tp)
{
	return on_begin(VMSCAN_DIRECT_RECLAIM);
}

SEC("tp/vmscan/mm_vmscan_direct_reclaim_begin")
int mm_vmscan_direct_reclaim_begin__tracepoint(void *ctx)
{
	return on_begin(VMSCAN_DIRECT_RECLAIM);
}

SEC("tp_btf/mm_vmscan_direct_reclaim_end")
int BPF_PROG(mm_vmscan_direct_reclaim_end__tp_btf, unsigned long nr_reclaimed)
{
	return on_end(VMSCAN_DIRECT_RECLAIM, nr_reclaimed);
}

SEC("raw_tp/mm_vmscan_direct_reclaim_end")
int BPF_PROG(mm_vmscan_direct_reclaim_end__raw_tp, unsigned long nr_reclaimed)
{
	return on_end(VMSCAN_DIRECT_RECLAIM, nr_reclaimed);
}

SEC("tp/vmscan/mm_vmscan_direct_reclaim_end")
int mm_vmscan_direct_reclaim_end__tracepoint(struct trace_event_raw_mm_vmscan_direct_reclaim_end_template *ctx)
{
	return on_end(VMSCAN_DIRECT_RECLAIM, BPF_CORE_READ(ctx, nr_reclaimed));
}

SEC("tp_btf/mm_vmscan_memcg_reclaim_begin")
int BPF_PROG(mm_vmscan_memcg_reclaim_begin__tp_btf)
{
	return on_begin(VMSCAN_MEMCG_RECLAIM);
}

SEC("raw_tp/mm_vmscan_memcg_reclaim_begin")
int BPF_PROG(mm_vmscan_memcg_reclaim_begin__raw_tp)
{
	return on_begin(VMSCAN_MEMCG_RECLAIM);
}

SEC("tp/vmscan/mm_vmscan_memcg_reclaim_begin")
int mm_vmscan_memcg_reclaim_begin__tracepoint(void *ctx)
{
	return on_begin(VMSCAN_MEMCG_RECLAIM);
}

SEC("tp_btf/mm_vmscan_memcg_reclaim_end")
int BPF_PROG(mm_vmscan_memcg_reclaim_end__tp_btf, unsigned long nr_reclaimed)
{
	return on_end(VMSCAN_MEMCG_RECLAIM, nr_reclaimed);
}

SEC("raw_tp/mm_vmscan_memcg_reclaim_end")
int BPF_PROG(mm_vmscan_memcg_reclaim_end__raw_tp, unsigned long nr_reclaimed)
{
	return on_end(VMSCAN_MEMCG_RECLAIM, nr_reclaimed);
}

SEC("tp/vmscan/mm_vmscan_memcg_reclaim_end")
int mm_vmscan_memcg_reclaim_end__tracepoint(struct trace_event_raw_mm_vmscan_direct_reclaim_end_template *ctx)
{
	return on_end(VMSCAN_MEMCG_RECLAIM, BPF_CORE_READ(ctx, nr_reclaimed));
}

SEC("tp_btf/mm_shrink_slab_start")
int BPF_PROG(mm_shrink_slab_start__tp_btf)
{
	return on_begin(VMSCAN_SHRINK_SLAB);
}

SEC("raw_tp/mm_shrink_slab_start")
int BPF_PROG(mm_shrink_slab_start__raw_tp)
{
	return on_begin(VMSCAN_SHRINK_SLAB);
}

SEC("tp/vmscan/mm_shrink_slab_start")
int mm_shrink_slab_start__tracepoint(void *ctx)
{
	return on_begin(VMSCAN_SHRINK_SLAB);
}

/* (shrinker, nid, freed, unused_scan, new_scan, total_scan): a negative `freed` frees nothing. */
SEC("tp_btf/mm_shrink_slab_end")
int BPF_PROG(mm_shrink_slab_end__tp_btf, struct shrinker *shr, int nid, int freed)
{
	return on_end(VMSCAN_SHRINK_SLAB, freed > 0 ? freed : 0);
}

SEC("raw_tp/mm_shrink_slab_end")
int BPF_PROG(mm_shrink_slab_end__raw_tp, struct shrinker *shr, int nid, int freed)
{
	return on_end(VMSCAN_SHRINK_SLAB, freed > 0 ? freed : 0);
}

SEC("tp/vmscan/mm_shrink_slab_end")
int mm_shrink_slab_end__tracepoint(struct trace_event_raw_mm_shrink_slab_end *ctx)
{
	int freed = BPF_CORE_READ(ctx, retval);

	return on_end(VMSCAN_SHRINK_SLAB, freed > 0 ? freed : 0);
}

SEC("tp_btf/mm_vmscan_wakeup_kswapd")
int BPF_PROG(mm_vmscan_wakeup_kswapd__tp_btf)
{
	return on_event(VMSCAN_KSWAPD_WAKEUP);
}

SEC("raw_tp/mm_vmscan_wakeup_kswapd")
int BPF_PROG(mm_vmscan_wakeup_kswapd__raw_tp)
{
	return on_event(VMSCAN_KSWAPD_WAKEUP);
}

SEC("tp/vmscan/mm_vmscan_wakeup_kswapd")
int mm_vmscan_wakeup_kswapd__tracepoint(void *ctx)
{
	return on_event(VMSCAN_KSWAPD_WAKEUP);
}

SEC("tp_btf/mm_vmscan_write_folio")
int BPF_PROG(mm_vmscan_write_folio__tp_btf)
{
	return on_event(VMSCAN_WRITEPAGE);
}

SEC("raw_tp/mm_vmscan_write_folio")
int BPF_PROG(mm_vmscan_write_folio__raw_tp)
{
	return on_event(VMSCAN_WRITEPAGE);
}

SEC("tp/vmscan/mm_vmscan_write_folio")
int mm_vmscan_write_folio__tracepoint(void *ctx)
{
	return on_event(VMSCAN_WRITEPAGE);
}

SEC("tp_btf/mm_vmscan_writepage")
int BPF_PROG(mm_vmscan_writepage__tp_btf)
{
	return on_event(VMSCAN_WRITEPAGE);
}

SEC("raw_tp/mm_vmscan_writepage")
int BPF_PROG(mm_vmscan_writepage__raw_tp)
{
	return on_event(VMSCAN_WRITEPAGE);
}

SEC("tp/vmscan/mm_vmscan_writepage")
int mm_vmscan_writepage__tracepoint(void *ctx)
{
	return on_event(VMSCAN_WRITEPAGE);
}
