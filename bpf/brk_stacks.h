/* SPDX-License-Identifier: GPL-2.0 */
/* The brk_stacks collector's hash key and value, shared by BPF and user space. */
#ifndef __KMH_BRK_STACKS_H
#define __KMH_BRK_STACKS_H

#define KMH_BRK_STACK_DEPTH 32	/* user frames kept per stack; deeper ones are cut */
#define KMH_BRK_STACKS 4096	/* distinct brk() call stacks */
#define KMH_BRK_NO_STACK -1	/* a call whose stack could not be stored */

/* brk(addr)'s direction, as the mmap collector labels it (mmap.h). */
#define KMH_BRK_STACK_NONE 0
#define KMH_BRK_STACK_GROW 1
#define KMH_BRK_STACK_SHRINK 2

struct brk_stack_key {
	__u32 tgid;
	__s32 stack_id;	/* in the `stacks` map, or KMH_BRK_NO_STACK */
	__u32 change;	/* KMH_BRK_STACK_* */
	__u32 failed;	/* 1: brk() returned the old break instead of addr */
};

struct brk_stack_tally {
	__u64 calls;
	__u64 bytes;	/* |addr - old break| */
};

#endif /* __KMH_BRK_STACKS_H */
