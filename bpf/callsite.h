/* SPDX-License-Identifier: GPL-2.0 */
/* Per-call-site slab statistics and the live objects and pages of the callsite collector, shared with user space. */
#ifndef __KMH_CALLSITE_H
#define __KMH_CALLSITE_H

#define KMH_CALLSITE_OP_KMALLOC		0
#define KMH_CALLSITE_OP_CACHE_ALLOC	1
#define KMH_CALLSITE_OPS		2

#define KMH_CALLSITE_KEYS	16384	/* (call site, cache, op, scope, context) counted apart */
#define KMH_CALLSITE_OBJECTS	131072	/* slab objects allocated in the window and not yet freed */
#define KMH_CALLSITE_PAGES	65536	/* page blocks allocated in the window and not yet freed */
#define KMH_CALLSITE_STACKS	8192	/* distinct kernel stacks of those page blocks */
#define KMH_CALLSITE_CACHES	1024	/* kmem_cache pointer -> name */
#define KMH_CALLSITE_STACK_DEPTH 127	/* PERF_MAX_STACK_DEPTH */
#define KMH_CACHE_NAME_LEN	32

struct callsite_key {
	__u64 call_site;	/* return address into the allocating function */
	__u64 cache;		/* struct kmem_cache *, 0 where the tracepoint has none */
	__u32 op;		/* KMH_CALLSITE_OP_* */
	__u32 scope_slot;	/* kmh_scope_slot(scope, context) */
};

struct callsite_stats {
	__u64 events;
	__u64 bytes_req;
	__u64 bytes_alloc;
	__u64 cross_cpu_frees;	/* of this call site's objects, freed on another CPU than allocated them */
};

/* A slab object allocated in the window and not freed yet, keyed by its address. */
struct live_object {
	__u64 call_site;
	__u64 cache;
	__u64 bytes_alloc;
	__u32 op;
	__u32 cpu;
	__u32 context;
	__u32 workload;		/* also counted in scope=workload */
};

/* A page block allocated in the window and not freed yet, keyed by its struct page. */
struct live_page {
	__s64 stack_id;		/* into page_stacks; negative when the stack map was full */
	__u32 order;
	__u32 migratetype;
	__u32 context;
	__u32 workload;
};

/* What could not be tracked because a map was full: never silently lost. */
struct callsite_drops {
	__u64 keys_full;	/* events counted in the "other" bucket, the call-site map being full */
	__u64 objects_untracked;	/* allocations not followed to their free (outstanding, cross-CPU) */
	__u64 pages_untracked;	/* page allocations not followed to their free */
	__u64 stacks_lost;	/* page blocks tracked without their stack */
};

#endif /* __KMH_CALLSITE_H */
