/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Map values of the malloc collector, shared by its BPF side and user space
 * (not "malloc.h": that would hide libc's <malloc.h> on the include path).
 */
#ifndef __KMH_MALLOC_H
#define __KMH_MALLOC_H

#define KMH_COMM_LEN 16
#define KMH_MALLOC_STACK_DEPTH 32	/* user frames kept per stack; deeper ones are cut */
#define KMH_MALLOC_STACKS 8192		/* distinct allocation stacks */
#define KMH_MALLOC_OUTSTANDING 1048576	/* live allocations tracked at once */
#define KMH_MALLOC_NO_STACK -1		/* stack id of an allocation whose stack could not be stored */

/* Per-comm counts (a per-CPU hash keyed by the comm). */
struct malloc_totals {
	__u64 alloc_events;
	__u64 alloc_bytes;
	__u64 free_events;
	__u64 mmapped_events;	/* served by glibc with a mapping of their own */
	__u64 mmapped_bytes;
	__u64 untracked_events;	/* allocations the outstanding map had no room for */
};

/* One live allocation, keyed by the address malloc returned. */
struct malloc_outstanding {
	__u64 size;
	__s32 stack_id;
	__u32 tgid;
	char comm[KMH_COMM_LEN];
};

/* Everything allocated from one user stack, freed or not (a per-CPU hash keyed by stack id). */
struct malloc_stack_totals {
	__u64 alloc_events;
	__u64 alloc_bytes;
	__u64 tgid;		/* the last process that allocated from it: whose map names its addresses */
};

#endif /* __KMH_MALLOC_H */
