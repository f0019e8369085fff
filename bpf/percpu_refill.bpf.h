/* SPDX-License-Identifier: GPL-2.0 */
/* The percpu_refill field of the classic mm_page_alloc_zone_locked tracepoint, on kernels with and without it. */
#ifndef __KMH_PERCPU_REFILL_BPF_H
#define __KMH_PERCPU_REFILL_BPF_H

#include <bpf/bpf_core_read.h>

/* Kernels whose tracepoint has no percpu_refill made every zone-locked allocation a refill. */
static __always_inline int tracepoint_percpu_refill(struct trace_event_raw_mm_page *ctx)
{
	if (bpf_core_field_exists(ctx->percpu_refill))
		return BPF_CORE_READ(ctx, percpu_refill);
	return 1;
}

#endif /* __KMH_PERCPU_REFILL_BPF_H */
