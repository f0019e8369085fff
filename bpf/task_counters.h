/* SPDX-License-Identifier: GPL-2.0 */
/* The per-process part of the usermem collectors' hash keys and their values, shared with user space. */
#ifndef __KMH_TASK_COUNTERS_H
#define __KMH_TASK_COUNTERS_H

#define KMH_COMM_LEN 16		/* TASK_COMM_LEN */
#define KMH_TASK_KEYS 4096	/* distinct label combinations a collector keeps, both scopes together */

/* Every key of a per-process hash starts with this; the rest says what was counted. */
struct task_scope {
	char comm[KMH_COMM_LEN];	/* task->comm when the event happened */
	__u32 scope;			/* KMH_SCOPE_SYSTEM or KMH_SCOPE_WORKLOAD */
	__u32 pad;
};

/* What a key counted: events, and for events with a size the bytes they asked for. */
struct task_tally {
	__u64 events;
	__u64 bytes;
};

#endif /* __KMH_TASK_COUNTERS_H */
