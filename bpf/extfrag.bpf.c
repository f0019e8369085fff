// SPDX-License-Identifier: GPL-2.0
/*
 * extfrag collector: allocations that fell back to another migratetype's
 * free lists (mm_page_alloc_extfrag), by alloc/fallback order and
 * migratetype, fragmenting and change_ownership.
 *
 * change_ownership is computed by the kernel in TP_fast_assign from the
 * pageblock's migratetype, so only the classic tracepoint carries it; that is
 * why this collector prefers the classic tracepoint (the event is rare, its
 * cost does not matter). The tp_btf and raw_tp variants record it as unknown.
 * fragmenting (fallback_order < pageblock_order, as the kernel prints it) is
 * derived in user space from the key's fallback order.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "kmh_common.h"
#include "extfrag.h"
#include "event_context.bpf.h"
#include "keep_event.bpf.h"
#include "keyed_counts.bpf.h"
#include "variants.bpf.h"
#include "workload_scope.bpf.h"

char LICENSE[] SEC("license") = "GPL";

KMH_KEYED_COUNTS(extfrag_counts, struct extfrag_key, KMH_EXTFRAG_KEYS);

static __always_inline int on_extfrag(int alloc_order, int fallback_order, int alloc_mt, int fallback_mt,
				      int change_ownership)
{
	struct extfrag_key key = {
		.alloc_order = alloc_order,
		.fallback_order = fallback_order,
		.alloc_migratetype = alloc_mt,
		.fallback_migratetype = fallback_mt,
		.change_ownership = change_ownership,
		.scope = KMH_SCOPE_SYSTEM,
		.context = event_context(),
	};

	bump_key(&extfrag_counts, &key);
	if (in_workload_context(key.context)) {
		key.scope = KMH_SCOPE_WORKLOAD;
		bump_key(&extfrag_counts, &key);
	}
	return KMH_KEEP_EVENT;
}

SEC("tp/kmem/mm_page_alloc_extfrag")
int mm_page_alloc_extfrag__tracepoint(struct trace_event_raw_mm_page_alloc_extfrag *ctx)
{
	return on_extfrag(BPF_CORE_READ(ctx, alloc_order), BPF_CORE_READ(ctx, fallback_order),
			  BPF_CORE_READ(ctx, alloc_migratetype), BPF_CORE_READ(ctx, fallback_migratetype),
			  BPF_CORE_READ(ctx, change_ownership) ? 1 : 0);
}

KMH_BTF_PROGRAMS(mm_page_alloc_extfrag,
		 on_extfrag(alloc_order, fallback_order, alloc_migratetype, fallback_migratetype,
			    KMH_OWNERSHIP_UNKNOWN),
		 struct page *page, int alloc_order, int fallback_order, int alloc_migratetype,
		 int fallback_migratetype)
