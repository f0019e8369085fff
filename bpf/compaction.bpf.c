// SPDX-License-Identifier: GPL-2.0
/*
 * compaction collector: compact_zone() runs (begin, end with its result status,
 * timed from begin to end of the same thread), pages isolated and migrated,
 * deferrals, direct compaction attempts and kcompactd wakeups, per process (comm)
 * and scope. The status is the kernel's enum compact_result value; user space
 * names it from BTF.
 *
 * mm_compaction_migratepages has had three argument lists: (nr_all, migrate_rc,
 * migratepages) up to Linux 5.15, (cc, nr_succeeded) from 5.19, and
 * (nr_migratepages, nr_succeeded) on kernels after 6.8; the last two records derive
 * nr_failed as the pages isolated for migration minus nr_succeeded. The record's
 * fields are nr_migrated and nr_failed in all of them, so the classic tracepoint
 * fits every kernel; for tp_btf and raw_tp user space tells the lists apart from
 * BTF, loads the "__cc" programs on the (cc, nr_succeeded) one and none on the
 * oldest.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "compaction.h"
#include "process_stats.bpf.h"

char LICENSE[] SEC("license") = "GPL";

static __always_inline int on_begin(void)
{
	record_event(COMPACTION_BEGIN, 0, 0, -1);
	record_begin(COMPACTION_RUN);
	return 0;
}

static __always_inline int on_end(int status)
{
	record_end(COMPACTION_RUN, status, 0);
	return 0;
}

/* `isolated` pages were up for migration, `migrated` of them moved. */
static __always_inline int on_migrated(__u64 isolated, __u64 migrated)
{
	__u64 failed = isolated > migrated ? isolated - migrated : 0;

	record_event(COMPACTION_MIGRATED, 0, migrated, -1);
	record_event(COMPACTION_MIGRATE_FAILED, 0, failed, -1);
	return 0;
}

static __always_inline int on_event(enum compaction_kind kind, int detail, __u64 amount)
{
	record_event(kind, detail, amount, -1);
	return 0;
}

SEC("tp_btf/mm_compaction_begin")
int BPF_PROG(mm_compaction_begin__tp_btf)
{
	return on_begin();
}

SEC("raw_tp/mm_compaction_begin")
int BPF_PROG(mm_compaction_begin__raw_tp)
{
	return on_begin();
}

SEC("tp/compaction/mm_compaction_begin")
int mm_compaction_begin__tracepoint(void *ctx)
{
	return on_begin();
}

/* (cc, zone_start, zone_end, sync, status) */
SEC("tp_btf/mm_compaction_end")
int BPF_PROG(mm_compaction_end__tp_btf, struct compact_control *cc, unsigned long zone_start,
	     unsigned long zone_end, bool sync, int status)
{
	return on_end(status);
}

SEC("raw_tp/mm_compaction_end")
int BPF_PROG(mm_compaction_end__raw_tp, struct compact_control *cc, unsigned long zone_start,
	     unsigned long zone_end, bool sync, int status)
{
	return on_end(status);
}

SEC("tp/compaction/mm_compaction_end")
int mm_compaction_end__tracepoint(struct trace_event_raw_mm_compaction_end *ctx)
{
	return on_end(BPF_CORE_READ(ctx, status));
}

SEC("tp_btf/mm_compaction_migratepages")
int BPF_PROG(mm_compaction_migratepages__tp_btf, unsigned int nr_migratepages, unsigned int nr_succeeded)
{
	return on_migrated(nr_migratepages, nr_succeeded);
}

SEC("raw_tp/mm_compaction_migratepages")
int BPF_PROG(mm_compaction_migratepages__raw_tp, unsigned int nr_migratepages, unsigned int nr_succeeded)
{
	return on_migrated(nr_migratepages, nr_succeeded);
}

static __always_inline int on_migrated_cc(struct compact_control *cc, unsigned int nr_succeeded)
{
	return on_migrated(BPF_CORE_READ(cc, nr_migratepages), nr_succeeded);
}

SEC("tp_btf/mm_compaction_migratepages")
int BPF_PROG(mm_compaction_migratepages__tp_btf__cc, struct compact_control *cc, unsigned int nr_succeeded)
{
	return on_migrated_cc(cc, nr_succeeded);
}

SEC("raw_tp/mm_compaction_migratepages")
int BPF_PROG(mm_compaction_migratepages__raw_tp__cc, struct compact_control *cc, unsigned int nr_succeeded)
{
	return on_migrated_cc(cc, nr_succeeded);
}

SEC("tp/compaction/mm_compaction_migratepages")
int mm_compaction_migratepages__tracepoint(struct trace_event_raw_mm_compaction_migratepages *ctx)
{
	__u64 migrated = BPF_CORE_READ(ctx, nr_migrated);

	return on_migrated(migrated + BPF_CORE_READ(ctx, nr_failed), migrated);
}

/* The isolate events: (start_pfn, end_pfn, nr_scanned, nr_taken). */
SEC("tp_btf/mm_compaction_isolate_migratepages")
int BPF_PROG(mm_compaction_isolate_migratepages__tp_btf, unsigned long start_pfn, unsigned long end_pfn,
	     unsigned long nr_scanned, unsigned long nr_taken)
{
	return on_event(COMPACTION_ISOLATED_MIGRATE, 0, nr_taken);
}

SEC("raw_tp/mm_compaction_isolate_migratepages")
int BPF_PROG(mm_compaction_isolate_migratepages__raw_tp, unsigned long start_pfn, unsigned long end_pfn,
	     unsigned long nr_scanned, unsigned long nr_taken)
{
	return on_event(COMPACTION_ISOLATED_MIGRATE, 0, nr_taken);
}

SEC("tp/compaction/mm_compaction_isolate_migratepages")
int mm_compaction_isolate_migratepages__tracepoint(struct trace_event_raw_mm_compaction_isolate_template *ctx)
{
	return on_event(COMPACTION_ISOLATED_MIGRATE, 0, BPF_CORE_READ(ctx, nr_taken));
}

SEC("tp_btf/mm_compaction_isolate_freepages")
int BPF_PROG(mm_compaction_isolate_freepages__tp_btf, unsigned long start_pfn, unsigned long end_pfn,
	     unsigned long nr_scanned, unsigned long nr_taken)
{
	return on_event(COMPACTION_ISOLATED_FREE, 0, nr_taken);
}

SEC("raw_tp/mm_compaction_isolate_freepages")
int BPF_PROG(mm_compaction_isolate_freepages__raw_tp, unsigned long start_pfn, unsigned long end_pfn,
	     unsigned long nr_scanned, unsigned long nr_taken)
{
	return on_event(COMPACTION_ISOLATED_FREE, 0, nr_taken);
}

SEC("tp/compaction/mm_compaction_isolate_freepages")
int mm_compaction_isolate_freepages__tracepoint(struct trace_event_raw_mm_compaction_isolate_template *ctx)
{
	return on_event(COMPACTION_ISOLATED_FREE, 0, BPF_CORE_READ(ctx, nr_taken));
}

SEC("tp_btf/mm_compaction_fast_isolate_freepages")
int BPF_PROG(mm_compaction_fast_isolate_freepages__tp_btf, unsigned long start_pfn, unsigned long end_pfn,
	     unsigned long nr_scanned, unsigned long nr_taken)
{
	return on_event(COMPACTION_ISOLATED_FREE, 0, nr_taken);
}

SEC("raw_tp/mm_compaction_fast_isolate_freepages")
int BPF_PROG(mm_compaction_fast_isolate_freepages__raw_tp, unsigned long start_pfn, unsigned long end_pfn,
	     unsigned long nr_scanned, unsigned long nr_taken)
{
	return on_event(COMPACTION_ISOLATED_FREE, 0, nr_taken);
}

SEC("tp/compaction/mm_compaction_fast_isolate_freepages")
int mm_compaction_fast_isolate_freepages__tracepoint(struct trace_event_raw_mm_compaction_isolate_template *ctx)
{
	return on_event(COMPACTION_ISOLATED_FREE, 0, BPF_CORE_READ(ctx, nr_taken));
}

/* The defer events: (zone, order). */
SEC("tp_btf/mm_compaction_defer_compaction")
int BPF_PROG(mm_compaction_defer_compaction__tp_btf, struct zone *zone, int order)
{
	return on_event(COMPACTION_DEFER, order, 0);
}

SEC("raw_tp/mm_compaction_defer_compaction")
int BPF_PROG(mm_compaction_defer_compaction__raw_tp, struct zone *zone, int order)
{
	return on_event(COMPACTION_DEFER, order, 0);
}

SEC("tp/compaction/mm_compaction_defer_compaction")
int mm_compaction_defer_compaction__tracepoint(struct trace_event_raw_mm_compaction_defer_template *ctx)
{
	return on_event(COMPACTION_DEFER, BPF_CORE_READ(ctx, order), 0);
}

SEC("tp_btf/mm_compaction_deferred")
int BPF_PROG(mm_compaction_deferred__tp_btf, struct zone *zone, int order)
{
	return on_event(COMPACTION_DEFERRED, order, 0);
}

SEC("raw_tp/mm_compaction_deferred")
int BPF_PROG(mm_compaction_deferred__raw_tp, struct zone *zone, int order)
{
	return on_event(COMPACTION_DEFERRED, order, 0);
}

SEC("tp/compaction/mm_compaction_deferred")
int mm_compaction_deferred__tracepoint(struct trace_event_raw_mm_compaction_defer_template *ctx)
{
	return on_event(COMPACTION_DEFERRED, BPF_CORE_READ(ctx, order), 0);
}

/* (order, gfp_mask, prio) */
SEC("tp_btf/mm_compaction_try_to_compact_pages")
int BPF_PROG(mm_compaction_try_to_compact_pages__tp_btf, int order)
{
	return on_event(COMPACTION_DIRECT, order, 0);
}

SEC("raw_tp/mm_compaction_try_to_compact_pages")
int BPF_PROG(mm_compaction_try_to_compact_pages__raw_tp, int order)
{
	return on_event(COMPACTION_DIRECT, order, 0);
}

SEC("tp/compaction/mm_compaction_try_to_compact_pages")
int mm_compaction_try_to_compact_pages__tracepoint(struct trace_event_raw_mm_compaction_try_to_compact_pages *ctx)
{
	return on_event(COMPACTION_DIRECT, BPF_CORE_READ(ctx, order), 0);
}

SEC("tp_btf/mm_compaction_kcompactd_wake")
int BPF_PROG(mm_compaction_kcompactd_wake__tp_btf)
{
	return on_event(COMPACTION_KCOMPACTD_WAKE, 0, 0);
}

SEC("raw_tp/mm_compaction_kcompactd_wake")
int BPF_PROG(mm_compaction_kcompactd_wake__raw_tp)
{
	return on_event(COMPACTION_KCOMPACTD_WAKE, 0, 0);
}

SEC("tp/compaction/mm_compaction_kcompactd_wake")
int mm_compaction_kcompactd_wake__tracepoint(void *ctx)
{
	return on_event(COMPACTION_KCOMPACTD_WAKE, 0, 0);
}

SEC("tp_btf/mm_compaction_wakeup_kcompactd")
int BPF_PROG(mm_compaction_wakeup_kcompactd__tp_btf)
{
	return on_event(COMPACTION_KCOMPACTD_WAKEUP, 0, 0);
}

SEC("raw_tp/mm_compaction_wakeup_kcompactd")
int BPF_PROG(mm_compaction_wakeup_kcompactd__raw_tp)
{
	return on_event(COMPACTION_KCOMPACTD_WAKEUP, 0, 0);
}

SEC("tp/compaction/mm_compaction_wakeup_kcompactd")
int mm_compaction_wakeup_kcompactd__tracepoint(void *ctx)
{
	return on_event(COMPACTION_KCOMPACTD_WAKEUP, 0, 0);
}
