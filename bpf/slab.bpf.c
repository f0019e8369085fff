// SPDX-License-Identifier: GPL-2.0
/*
 * slab collector: kmalloc, kfree, kmem_cache_alloc and kmem_cache_free
 * counts, requested and allocated bytes, and a kmalloc size histogram, by scope
 * and context (task, softirq, hardirq, NMI). A kmalloc
 * call the kernel traces twice counts once, the second firing as a duplicate
 * event (kmalloc_repeat.bpf.h).
 *
 * Two tracepoint layouts exist. Since v6.1, commit 11e9734bcb6a
 * ("mm/slab_common: unify NUMA and UMA version of tracepoints"), there is no
 * kmalloc_node/kmem_cache_alloc_node, and commit 2c1d697fb8ba ("mm/slab_common:
 * drop kmem_alloc & avoid dereferencing fields when not using") made
 * kmem_cache_alloc take the cache instead of the sizes. User space reads the
 * running kernel's BTF to tell which layout it has and loads only the
 * matching programs (the "__sized" ones are the older layout).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "kmh_common.h"
#include "slab.h"
#include "event_context.bpf.h"
#include "keep_event.bpf.h"
#include "kmalloc_repeat.bpf.h"
#include "variants.bpf.h"
#include "workload_scope.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KMH_SCOPE_SLOTS);
	__type(key, __u32);
	__type(value, struct slab_stats);
} slab_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KMH_SCOPE_SLOTS * KMH_SIZE_BUCKETS);
	__type(key, __u32);
	__type(value, __u64);
} kmalloc_size_buckets SEC(".maps");

enum slab_event { KMALLOC, KMALLOC_REPEAT, KFREE, CACHE_ALLOC, CACHE_FREE };

static __always_inline __u32 size_bucket(__u64 bytes)
{
	__u32 bucket = 0;

	while (bucket < KMH_SIZE_BUCKETS - 1 && (1ULL << bucket) < bytes)
		bucket++;
	return bucket;
}

/* Adds one event to the (scope, context) slot `scope_slot`. */
static __always_inline void add_to_slot(__u32 scope_slot, enum slab_event event, __u64 req, __u64 alloc)
{
	struct slab_stats *stats = bpf_map_lookup_elem(&slab_counts, &scope_slot);
	__u32 slot;
	__u64 *bucket;

	if (!stats)
		return;
	switch (event) {
	case KMALLOC:
		stats->kmalloc_events++;
		stats->kmalloc_bytes_req += req;
		stats->kmalloc_bytes_alloc += alloc;
		slot = scope_slot * KMH_SIZE_BUCKETS + size_bucket(alloc);
		bucket = bpf_map_lookup_elem(&kmalloc_size_buckets, &slot);
		if (bucket)
			*bucket += 1;
		break;
	case KMALLOC_REPEAT:
		stats->kmalloc_duplicate_events++;
		break;
	case KFREE:
		stats->kfree_events++;
		break;
	case CACHE_ALLOC:
		stats->cache_alloc_events++;
		stats->cache_alloc_bytes_req += req;
		stats->cache_alloc_bytes_alloc += alloc;
		break;
	case CACHE_FREE:
		stats->cache_free_events++;
		break;
	}
}

static __always_inline int count_slab_event(__u32 context, enum slab_event event, __u64 req, __u64 alloc)
{
	add_to_slot(kmh_scope_slot(KMH_SCOPE_SYSTEM, context), event, req, alloc);
	if (in_workload_context(context))
		add_to_slot(kmh_scope_slot(KMH_SCOPE_WORKLOAD, context), event, req, alloc);
	return KMH_KEEP_EVENT;
}

static __always_inline int on_slab_event(enum slab_event event, __u64 req, __u64 alloc)
{
	return count_slab_event(event_context(), event, req, alloc);
}

/* One kmalloc() call is counted once, however often the kernel traced it. */
static __always_inline int on_kmalloc(unsigned long call_site, const void *ptr, __u64 req, __u64 alloc)
{
	__u32 context = event_context();
	bool again = kmalloc_fired_again(context, call_site, (__u64)ptr, req, alloc);

	return count_slab_event(context, again ? KMALLOC_REPEAT : KMALLOC, req, alloc);
}

static __always_inline int on_kfree(const void *ptr)
{
	kmalloc_object_freed((__u64)ptr);
	return on_slab_event(KFREE, 0, 0);
}

/* raw_tp: the cache pointer is untyped, so its fields are read with bpf_probe_read_kernel(). */
static __always_inline int on_cache_alloc(struct kmem_cache *s)
{
	return on_slab_event(CACHE_ALLOC, BPF_CORE_READ(s, object_size), BPF_CORE_READ(s, size));
}

/* tp_btf: the cache pointer is typed, so its fields are plain (CO-RE relocated) loads, no helper calls. */
static __always_inline int on_cache_alloc_btf(struct kmem_cache *s)
{
	return on_slab_event(CACHE_ALLOC, s->object_size, s->size);
}

/* kmalloc: call_site, ptr, bytes_req, bytes_alloc lead in both layouts. */
KMH_BTF_PROGRAMS(kmalloc, on_kmalloc(call_site, ptr, bytes_req, bytes_alloc),
		 unsigned long call_site, const void *ptr, size_t bytes_req, size_t bytes_alloc)

SEC("tp/kmem/kmalloc")
int kmalloc__tracepoint(struct trace_event_raw_kmalloc *ctx)
{
	return on_kmalloc(BPF_CORE_READ(ctx, call_site), BPF_CORE_READ(ctx, ptr), BPF_CORE_READ(ctx, bytes_req),
			  BPF_CORE_READ(ctx, bytes_alloc));
}

KMH_BTF_LAYOUT_PROGRAMS(kmalloc_node, sized, on_kmalloc(call_site, ptr, bytes_req, bytes_alloc),
			unsigned long call_site, const void *ptr, size_t bytes_req, size_t bytes_alloc)

SEC("tp_btf/kmem_cache_alloc")
int BPF_PROG(kmem_cache_alloc__tp_btf, unsigned long call_site, const void *ptr, struct kmem_cache *s)
{
	return on_cache_alloc_btf(s);
}

SEC("raw_tp/kmem_cache_alloc")
int BPF_PROG(kmem_cache_alloc__raw_tp, unsigned long call_site, const void *ptr, struct kmem_cache *s)
{
	return on_cache_alloc(s);
}

SEC("tp/kmem/kmem_cache_alloc")
int kmem_cache_alloc__tracepoint(struct trace_event_raw_kmem_cache_alloc *ctx)
{
	return on_slab_event(CACHE_ALLOC, BPF_CORE_READ(ctx, bytes_req), BPF_CORE_READ(ctx, bytes_alloc));
}

KMH_BTF_LAYOUT_PROGRAMS(kmem_cache_alloc, sized, on_slab_event(CACHE_ALLOC, bytes_req, bytes_alloc),
			unsigned long call_site, const void *ptr, size_t bytes_req, size_t bytes_alloc)

KMH_BTF_LAYOUT_PROGRAMS(kmem_cache_alloc_node, sized, on_slab_event(CACHE_ALLOC, bytes_req, bytes_alloc),
			unsigned long call_site, const void *ptr, size_t bytes_req, size_t bytes_alloc)

KMH_BTF_PROGRAMS(kfree, on_kfree(ptr), unsigned long call_site, const void *ptr)

SEC("tp/kmem/kfree")
int kfree__tracepoint(struct trace_event_raw_kfree *ctx)
{
	return on_kfree(BPF_CORE_READ(ctx, ptr));
}

KMH_BTF_PROGRAMS(kmem_cache_free, on_slab_event(CACHE_FREE, 0, 0), unsigned long call_site, const void *ptr)

SEC("tp/kmem/kmem_cache_free")
int kmem_cache_free__tracepoint(struct trace_event_raw_kmem_cache_free *ctx)
{
	return on_slab_event(CACHE_FREE, 0, 0);
}
