// SPDX-License-Identifier: GPL-2.0
/*
 * callsite collector: kmalloc and kmem_cache_alloc by call site (and cache, where
 * the tracepoint passes the struct kmem_cache), the objects freed on another CPU
 * than the one that allocated them, and the slab objects and page blocks
 * allocated while attached and not freed by the end (outstanding), by call site
 * or by kernel stack.
 *
 * Every allocation is remembered in a hash keyed by its address until it is
 * freed: real per-event work, hence an opt-in collector. Every map is bounded; an
 * event that finds one full is counted in callsite_drops (and, for the
 * statistics, in the per-(op, scope, context) "other" bucket), so a full map
 * shows in the result instead of skewing it.
 *
 * Tracepoint layouts as in slab.bpf.c: since v6.1 (commit 2c1d697fb8ba
 * "mm/slab_common: drop kmem_alloc & avoid dereferencing fields when not
 * using") kmem_cache_alloc passes the cache, whose name labels its call sites;
 * the older "__sized" programs have no cache. A kmalloc the kernel traces twice
 * (kmalloc_repeat.bpf.h) counts once, at the second firing's call site, which
 * is the caller's (the first one points into the allocator).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "kmh_common.h"
#include "callsite.h"
#include "event_context.bpf.h"
#include "keep_event.bpf.h"
#include "kmalloc_repeat.bpf.h"
#include "variants.bpf.h"
#include "workload_scope.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, KMH_CALLSITE_KEYS);
	__type(key, struct callsite_key);
	__type(value, struct callsite_stats);
} callsite_stats SEC(".maps");

/* The "other" bucket of each (op, scope, context) slot, for events the full map has no room for. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, KMH_CALLSITE_OPS * KMH_SCOPE_SLOTS);
	__type(key, __u32);
	__type(value, struct callsite_stats);
} overflow_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct callsite_drops);
} callsite_drops SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_CALLSITE_OBJECTS);
	__type(key, __u64);
	__type(value, struct live_object);
} live_objects SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_CALLSITE_PAGES);
	__type(key, __u64);
	__type(value, struct live_page);
} live_pages SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_STACK_TRACE);
	__uint(max_entries, KMH_CALLSITE_STACKS);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, KMH_CALLSITE_STACK_DEPTH * sizeof(__u64));
} page_stacks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_CALLSITE_CACHES);
	__type(key, __u64);
	__type(value, char[KMH_CACHE_NAME_LEN]);
} cache_names SEC(".maps");

static __always_inline struct callsite_drops *drops(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&callsite_drops, &zero);
}

/* This CPU's statistics of @key, created when new; the "other" bucket when the map is full. */
static __always_inline struct callsite_stats *stats_of(const struct callsite_key *key)
{
	struct callsite_stats zero_stats = {};
	struct callsite_stats *stats = bpf_map_lookup_elem(&callsite_stats, key);
	struct callsite_drops *dropped;
	__u32 slot;

	if (stats)
		return stats;
	bpf_map_update_elem(&callsite_stats, key, &zero_stats, BPF_NOEXIST);
	stats = bpf_map_lookup_elem(&callsite_stats, key);
	if (stats)
		return stats;
	dropped = drops();
	if (dropped)
		dropped->keys_full++;
	slot = (key->op & 1) * KMH_SCOPE_SLOTS + (key->scope_slot % KMH_SCOPE_SLOTS);
	return bpf_map_lookup_elem(&overflow_stats, &slot);
}

/* Adds (or, with @sign -1, takes back) one allocation in scope=system and, for the workload's, scope=workload. */
static __always_inline void add_allocation(struct callsite_key *key, bool workload, __u32 context, __s64 sign,
					   __u64 req, __u64 alloc)
{
	struct callsite_stats *stats;
	int scope;

	for (scope = KMH_SCOPE_SYSTEM; scope <= KMH_SCOPE_WORKLOAD; scope++) {
		if (scope == KMH_SCOPE_WORKLOAD && !workload)
			break;
		key->scope_slot = kmh_scope_slot(scope, context);
		stats = stats_of(key);
		if (!stats)
			continue;
		stats->events += sign;
		stats->bytes_req += sign * req;
		stats->bytes_alloc += sign * alloc;
	}
}

static __always_inline void remember_cache_name(struct kmem_cache *s, const char *name)
{
	char buffer[KMH_CACHE_NAME_LEN] = {};
	__u64 cache = (__u64)s;

	if (!s || bpf_map_lookup_elem(&cache_names, &cache))
		return;
	bpf_probe_read_kernel_str(buffer, sizeof(buffer), name);
	bpf_map_update_elem(&cache_names, &cache, buffer, BPF_NOEXIST);
}

static __always_inline void track_object(const void *ptr, const struct live_object *object)
{
	struct callsite_drops *dropped;
	__u64 address = (__u64)ptr;

	if (!ptr)
		return;
	if (bpf_map_update_elem(&live_objects, &address, object, BPF_ANY) == 0)
		return;
	dropped = drops();
	if (dropped)
		dropped->objects_untracked++;
}

static __always_inline void count_allocation(__u32 op, __u64 call_site, struct kmem_cache *s, const void *ptr,
					     __u64 req, __u64 alloc, __u32 context)
{
	struct callsite_key key = { .call_site = call_site, .cache = (__u64)s, .op = op };
	struct live_object object = {
		.call_site = call_site, .cache = (__u64)s, .bytes_alloc = alloc, .op = op,
		.cpu = bpf_get_smp_processor_id(), .context = context,
		.workload = in_workload_context(context),
	};

	add_allocation(&key, object.workload, context, 1, req, alloc);
	track_object(ptr, &object);
}

/*
 * The second firing of one kmalloc: the call moves from the first firing's call
 * site (inside the allocator) to this one, the caller, in the counts and in the
 * live object alike.
 */
static __always_inline void move_kmalloc(__u64 first_site, __u64 call_site, const void *ptr, __u64 req,
					 __u64 alloc, __u32 context)
{
	struct callsite_key key = { .call_site = first_site, .op = KMH_CALLSITE_OP_KMALLOC };
	bool workload = in_workload_context(context);
	__u64 address = (__u64)ptr;
	struct live_object *object;

	add_allocation(&key, workload, context, -1, req, alloc);
	key.call_site = call_site;
	add_allocation(&key, workload, context, 1, req, alloc);
	object = bpf_map_lookup_elem(&live_objects, &address);
	if (object)
		object->call_site = call_site;
}

static __always_inline int on_kmalloc(__u64 call_site, const void *ptr, __u64 req, __u64 alloc)
{
	struct kmalloc_firings *firings = this_cpu_last_kmallocs();
	__u32 context = event_context();
	__u64 first_site = firings ? firings->context[context & (KMH_CONTEXTS - 1)].call_site : 0;

	if (kmalloc_fired_again(context, call_site, (__u64)ptr, req, alloc))
		move_kmalloc(first_site, call_site, ptr, req, alloc, context);
	else
		count_allocation(KMH_CALLSITE_OP_KMALLOC, call_site, NULL, ptr, req, alloc, context);
	return KMH_KEEP_EVENT;
}

/* tp_btf: the cache is typed, its fields are plain loads. */
static __always_inline int on_cache_alloc_btf(__u64 call_site, const void *ptr, struct kmem_cache *s)
{
	if (s)
		remember_cache_name(s, s->name);
	count_allocation(KMH_CALLSITE_OP_CACHE_ALLOC, call_site, s, ptr, s ? s->object_size : 0, s ? s->size : 0,
			 event_context());
	return KMH_KEEP_EVENT;
}

/* raw_tp: the cache is untyped, its fields are read with bpf_probe_read_kernel(). */
static __always_inline int on_cache_alloc(__u64 call_site, const void *ptr, struct kmem_cache *s)
{
	remember_cache_name(s, BPF_CORE_READ(s, name));
	count_allocation(KMH_CALLSITE_OP_CACHE_ALLOC, call_site, s, ptr, BPF_CORE_READ(s, object_size),
			 BPF_CORE_READ(s, size), event_context());
	return KMH_KEEP_EVENT;
}

static __always_inline int on_cache_alloc_sized(__u64 call_site, const void *ptr, __u64 req, __u64 alloc)
{
	count_allocation(KMH_CALLSITE_OP_CACHE_ALLOC, call_site, NULL, ptr, req, alloc, event_context());
	return KMH_KEEP_EVENT;
}

/* A cross-CPU free counts on the allocation's call site, in the scopes and context of the allocation. */
static __always_inline void count_cross_cpu_free(const struct live_object *object)
{
	struct callsite_key key = { .call_site = object->call_site, .cache = object->cache, .op = object->op };
	struct callsite_stats *stats;
	int scope;

	for (scope = KMH_SCOPE_SYSTEM; scope <= KMH_SCOPE_WORKLOAD; scope++) {
		if (scope == KMH_SCOPE_WORKLOAD && !object->workload)
			break;
		key.scope_slot = kmh_scope_slot(scope, object->context);
		stats = stats_of(&key);
		if (stats)
			stats->cross_cpu_frees++;
	}
}

static __always_inline int on_object_free(const void *ptr)
{
	__u64 address = (__u64)ptr;
	struct live_object *object;

	kmalloc_object_freed(address);
	object = bpf_map_lookup_elem(&live_objects, &address);
	if (!object)
		return KMH_KEEP_EVENT;
	if (object->cpu != bpf_get_smp_processor_id())
		count_cross_cpu_free(object);
	bpf_map_delete_elem(&live_objects, &address);
	return KMH_KEEP_EVENT;
}

static __always_inline int on_page_alloc(void *ctx, struct page *page, __u32 order, int migratetype)
{
	__u32 context = event_context();
	struct live_page block = {
		.order = order, .migratetype = migratetype, .context = context,
		.workload = in_workload_context(context),
	};
	struct callsite_drops *dropped = drops();
	__u64 address = (__u64)page;

	if (!page)
		return KMH_KEEP_EVENT;
	block.stack_id = bpf_get_stackid(ctx, &page_stacks, 0);
	if (block.stack_id < 0 && dropped)
		dropped->stacks_lost++;
	if (bpf_map_update_elem(&live_pages, &address, &block, BPF_ANY) != 0 && dropped)
		dropped->pages_untracked++;
	return KMH_KEEP_EVENT;
}

static __always_inline int on_page_free(struct page *page)
{
	__u64 address = (__u64)page;

	bpf_map_delete_elem(&live_pages, &address);
	return KMH_KEEP_EVENT;
}

KMH_BTF_PROGRAMS(kmalloc, on_kmalloc(call_site, ptr, bytes_req, bytes_alloc),
		 unsigned long call_site, const void *ptr, size_t bytes_req, size_t bytes_alloc)

KMH_BTF_LAYOUT_PROGRAMS(kmalloc_node, sized, on_kmalloc(call_site, ptr, bytes_req, bytes_alloc),
			unsigned long call_site, const void *ptr, size_t bytes_req, size_t bytes_alloc)

SEC("tp_btf/kmem_cache_alloc")
int BPF_PROG(kmem_cache_alloc__tp_btf, unsigned long call_site, const void *ptr, struct kmem_cache *s)
{
	return on_cache_alloc_btf(call_site, ptr, s);
}

SEC("raw_tp/kmem_cache_alloc")
int BPF_PROG(kmem_cache_alloc__raw_tp, unsigned long call_site, const void *ptr, struct kmem_cache *s)
{
	return on_cache_alloc(call_site, ptr, s);
}

KMH_BTF_LAYOUT_PROGRAMS(kmem_cache_alloc, sized, on_cache_alloc_sized(call_site, ptr, bytes_req, bytes_alloc),
			unsigned long call_site, const void *ptr, size_t bytes_req, size_t bytes_alloc)

KMH_BTF_LAYOUT_PROGRAMS(kmem_cache_alloc_node, sized, on_cache_alloc_sized(call_site, ptr, bytes_req, bytes_alloc),
			unsigned long call_site, const void *ptr, size_t bytes_req, size_t bytes_alloc)

KMH_BTF_PROGRAMS(kfree, on_object_free(ptr), unsigned long call_site, const void *ptr)

KMH_BTF_PROGRAMS(kmem_cache_free, on_object_free(ptr), unsigned long call_site, const void *ptr)

KMH_BTF_PROGRAMS(mm_page_alloc, on_page_alloc(ctx, page, order, migratetype),
		 struct page *page, unsigned int order, gfp_t gfp_flags, int migratetype)

KMH_BTF_PROGRAMS(mm_page_free, on_page_free(page), struct page *page, unsigned int order)

KMH_BTF_PROGRAMS(mm_page_free_batched, on_page_free(page), struct page *page)
