/* SPDX-License-Identifier: GPL-2.0 */
/* Key of the shm collector's per-CPU hash, shared by BPF and user space. */
#ifndef __KMH_SHM_H
#define __KMH_SHM_H

#include "task_counters.h"

#define KMH_SHM_CALL_SHMGET 0
#define KMH_SHM_CALL_SHMAT 1
#define KMH_SHM_CALL_SHMDT 2
#define KMH_SHM_CALL_SHMCTL 3

#define KMH_SHM_NO_CMD -1	/* every call but shmctl */
#define KMH_SHM_SEGMENTS 4096	/* segments whose key and size the collector remembers */

struct shm_key {
	struct task_scope task;
	__u32 call;		/* KMH_SHM_CALL_* */
	__u32 error;		/* 0: the call succeeded; else its errno */
	__u32 ipc_key;		/* the segment's key (key_t) */
	__u32 known;		/* 0: the segment was made before the collector attached */
	__u64 size;		/* shmget: the size asked for; the others: the segment's */
	__s32 cmd;		/* shmctl: the command without IPC_64; else KMH_SHM_NO_CMD */
	__u32 pad;
};

#endif /* __KMH_SHM_H */
