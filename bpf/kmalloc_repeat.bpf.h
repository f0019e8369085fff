/* SPDX-License-Identifier: GPL-2.0 */
/* Recognising one kmalloc() call that the kernel traced twice, from what the two events carry. */
#ifndef __KMH_KMALLOC_REPEAT_BPF_H
#define __KMH_KMALLOC_REPEAT_BPF_H

#include <bpf/bpf_helpers.h>
#include "kmh_common.h"

/*
 * Some kernels fire kmem:kmalloc twice for one large kmalloc (above
 * KMALLOC_MAX_CACHE_SIZE): in mm/slub.c of v6.12, __do_kmalloc_node() calls
 * __kmalloc_large_node_noprof(), which traces the allocation itself with its
 * own return address as call_site, and then traces it again with the caller's.
 * v6.1's __do_kmalloc_node() calls an untraced helper and fires once.
 *
 * The two firings are back to back on one CPU, in one context, and carry the
 * same ptr, bytes_req and bytes_alloc but different call sites (the inner one
 * points into the allocator). A call_site that repeats is a new call (a loop
 * that gets the same object back after freeing it), and so is a kmalloc after
 * this CPU kfree()d the remembered object, in any context. Each context has its
 * own slot, so an interrupt's kmalloc between the two firings does not hide
 * the pair. The test uses no kernel version. What it cannot tell from a repeat
 * firing: the same object freed on another CPU and handed out again, with the
 * same sizes, to another call site, with nothing in between on this CPU; it
 * would be counted as a duplicate event, visibly.
 */
struct kmalloc_firing {
	__u64 call_site;
	__u64 ptr;
	__u64 bytes_req;
	__u64 bytes_alloc;
	__u64 armed;	/* 0 once the firing was matched or its object freed */
};

struct kmalloc_firings {
	struct kmalloc_firing context[KMH_CONTEXTS];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct kmalloc_firings);
} last_kmalloc SEC(".maps");

static __always_inline struct kmalloc_firings *this_cpu_last_kmallocs(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&last_kmalloc, &zero);
}

/* True when this firing repeats the one just before it in `context`; either way it is remembered. */
static __always_inline bool kmalloc_fired_again(__u32 context, __u64 call_site, __u64 ptr, __u64 bytes_req,
						__u64 bytes_alloc)
{
	struct kmalloc_firings *firings = this_cpu_last_kmallocs();
	struct kmalloc_firing *last;
	bool again;

	if (!firings)
		return false;
	last = &firings->context[context & (KMH_CONTEXTS - 1)];
	again = last->armed && last->ptr == ptr && last->bytes_req == bytes_req &&
		last->bytes_alloc == bytes_alloc && last->call_site != call_site;
	last->call_site = call_site;
	last->ptr = ptr;
	last->bytes_req = bytes_req;
	last->bytes_alloc = bytes_alloc;
	last->armed = !again;
	return again;
}

/* A kfree() of a remembered object: a kmalloc that returns it again is a new call. */
static __always_inline void kmalloc_object_freed(__u64 ptr)
{
	struct kmalloc_firings *firings = this_cpu_last_kmallocs();
	int i;

	if (!firings)
		return;
	for (i = 0; i < KMH_CONTEXTS; i++)
		if (firings->context[i].ptr == ptr)
			firings->context[i].armed = 0;
}

#endif /* __KMH_KMALLOC_REPEAT_BPF_H */
