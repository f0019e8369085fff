/* SPDX-License-Identifier: GPL-2.0 */
/* Key of the mmap collector's per-CPU hash, shared by BPF and user space. */
#ifndef __KMH_MMAP_H
#define __KMH_MMAP_H

#include "task_counters.h"

#define KMH_MMAP_CALL_MMAP 0
#define KMH_MMAP_CALL_MUNMAP 1
#define KMH_MMAP_CALL_BRK 2

#define KMH_BRK_NONE 0		/* a query (brk(0)) or the old break asked for again */
#define KMH_BRK_GROW 1
#define KMH_BRK_SHRINK 2

/* brk() reports failure by returning the old break; glibc turns that into ENOMEM. */
#define KMH_BRK_FAILED 12

struct mmap_key {
	struct task_scope task;
	__u32 call;	/* KMH_MMAP_CALL_* */
	__u32 error;	/* 0: the call succeeded; else its errno */
	__u32 change;	/* brk: KMH_BRK_*; 0 for the others */
	__u32 pad;
};

#endif /* __KMH_MMAP_H */
