/* SPDX-License-Identifier: GPL-2.0 */
/* Per-process event statistics with a log2 latency histogram, shared by BPF and user space. */
#ifndef __KMH_PROCESS_STATS_H
#define __KMH_PROCESS_STATS_H

#define KMH_COMM_LEN 16
#define KMH_PROCESS_KEYS 4096	/* distinct (comm, scope, kind, detail) a collector keeps */
#define KMH_STARTS 16384	/* begin events waiting for their end */

/*
 * Bucket 0 counts latencies of 0 and 1 ns, bucket i > 0 those in [2^i, 2^(i+1)) ns: 64
 * buckets hold every u64, and a power of two lets BPF bound the index with a mask.
 */
#define KMH_LATENCY_BUCKETS 64

struct kmh_process_key {
	char comm[KMH_COMM_LEN];	/* the current task's comm at the event */
	__u32 scope;			/* KMH_SCOPE_SYSTEM or KMH_SCOPE_WORKLOAD */
	__u32 kind;			/* the collector's event kind */
	__s32 detail;			/* per kind: an order, a result status; else 0 */
	__u32 pad;
};

struct kmh_process_stats {
	__u64 events;
	__u64 amount;		/* per kind: pages reclaimed, objects freed, pages migrated, ... */
	__u64 total_ns;		/* begin-to-end time summed, for kinds that have a begin */
	__u64 max_ns;
	__u64 buckets[KMH_LATENCY_BUCKETS];
};

#endif /* __KMH_PROCESS_STATS_H */
