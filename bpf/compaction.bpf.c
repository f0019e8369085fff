// SPDX-License-Identifier: GPL-2.0
/*
 * compaction collector: compact_zone() runs (begin, end with its result status,
 * timed from begin to end of the same thread), pages isolated and migrated,
 * deferrals, direct compaction attempts, compaction_suitable()'s verdict per zone
 * and order, and kcompactd wakeups, per process (comm) and scope. The status is the kernel's enum compact_result value; user space
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
#include "variants.bpf.h"

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

KMH_ARGLESS_PROGRAMS(compaction, mm_compaction_begin, on_begin())
KMH_ARGLESS_PROGRAMS(compaction, mm_compaction_kcompactd_wake, on_event(COMPACTION_KCOMPACTD_WAKE, 0, 0))
KMH_ARGLESS_PROGRAMS(compaction, mm_compaction_wakeup_kcompactd, on_event(COMPACTION_KCOMPACTD_WAKEUP, 0, 0))

KMH_BTF_PROGRAMS(mm_compaction_end, on_end(status), struct compact_control *cc, unsigned long zone_start,
		 unsigned long zone_end, bool sync, int status)

SEC("tp/compaction/mm_compaction_end")
int mm_compaction_end__tracepoint(struct trace_event_raw_mm_compaction_end *ctx)
{
	return on_end(BPF_CORE_READ(ctx, status));
}

KMH_BTF_PROGRAMS(mm_compaction_migratepages, on_migrated(nr_migratepages, nr_succeeded),
		 unsigned int nr_migratepages, unsigned int nr_succeeded)

/*
 * cc->nr_migratepages is an unsigned int in the kernels of this layout (6.1), not the unsigned
 * long declared here: read only the kernel's field size into a zeroed u64, or the upper half is
 * whatever follows it (6.1 reported 6772149813510144 failed pages).
 */
static __always_inline int on_migrated_cc(struct compact_control *cc, unsigned int nr_succeeded)
{
	__u64 isolated = 0;

	bpf_core_read(&isolated, bpf_core_field_size(cc->nr_migratepages), &cc->nr_migratepages);
	return on_migrated(isolated, nr_succeeded);
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
#define ISOLATE_PROGRAMS(event, kind)								\
	KMH_BTF_PROGRAMS(event, on_event(kind, 0, nr_taken), unsigned long start_pfn,			\
			 unsigned long end_pfn, unsigned long nr_scanned, unsigned long nr_taken)	\
	SEC("tp/compaction/" #event)								\
	int event##__tracepoint(struct trace_event_raw_mm_compaction_isolate_template *ctx)	\
	{											\
		return on_event(kind, 0, BPF_CORE_READ(ctx, nr_taken));				\
	}

ISOLATE_PROGRAMS(mm_compaction_isolate_migratepages, COMPACTION_ISOLATED_MIGRATE)
ISOLATE_PROGRAMS(mm_compaction_isolate_freepages, COMPACTION_ISOLATED_FREE)
ISOLATE_PROGRAMS(mm_compaction_fast_isolate_freepages, COMPACTION_ISOLATED_FREE)

/* The defer events: (zone, order). */
#define DEFER_PROGRAMS(event, kind)								\
	KMH_BTF_PROGRAMS(event, on_event(kind, order, 0), struct zone *zone, int order)		\
	SEC("tp/compaction/" #event)								\
	int event##__tracepoint(struct trace_event_raw_mm_compaction_defer_template *ctx)	\
	{											\
		return on_event(kind, BPF_CORE_READ(ctx, order), 0);				\
	}

DEFER_PROGRAMS(mm_compaction_defer_compaction, COMPACTION_DEFER)
DEFER_PROGRAMS(mm_compaction_deferred, COMPACTION_DEFERRED)

/* (order, gfp_mask, prio) */
KMH_BTF_PROGRAMS(mm_compaction_try_to_compact_pages, on_event(COMPACTION_DIRECT, order, 0), int order)

SEC("tp/compaction/mm_compaction_try_to_compact_pages")
int mm_compaction_try_to_compact_pages__tracepoint(struct trace_event_raw_mm_compaction_try_to_compact_pages *ctx)
{
	return on_event(COMPACTION_DIRECT, BPF_CORE_READ(ctx, order), 0);
}

/*
 * mm_compaction_suitable (zone, order, ret): compaction_suitable()'s verdict, the one that
 * refuses a costly order whose fragmentation index is within vm.extfrag_threshold
 * (COMPACT_NOT_SUITABLE_ZONE). The zone is told by its zone_type, zone_idx() as the kernel
 * computes it: its place in its node's node_zones[].
 */
static __always_inline int on_suitable(struct zone *zone, int order, int ret)
{
	struct pglist_data *pgdat = BPF_CORE_READ(zone, zone_pgdat);
	unsigned long zones = (unsigned long)pgdat + bpf_core_field_offset(struct pglist_data, node_zones);
	unsigned long idx = ((unsigned long)zone - zones) / bpf_core_type_size(struct zone);

	return on_event(COMPACTION_SUITABLE, COMPACTION_SUITABLE_DETAIL(idx, order, ret), 0);
}

KMH_BTF_PROGRAMS(mm_compaction_suitable, on_suitable(zone, order, ret), struct zone *zone, int order, int ret)

SEC("tp/compaction/mm_compaction_suitable")
int mm_compaction_suitable__tracepoint(struct trace_event_raw_mm_compaction_suitable_template *ctx)
{
	return on_event(COMPACTION_SUITABLE,
			COMPACTION_SUITABLE_DETAIL(BPF_CORE_READ(ctx, idx), BPF_CORE_READ(ctx, order),
						   BPF_CORE_READ(ctx, ret)), 0);
}
