/* SPDX-License-Identifier: GPL-2.0 */
/* Counting events and timing begin/end pairs per process (comm) and scope, in one hash map. */
#ifndef __KMH_PROCESS_STATS_BPF_H
#define __KMH_PROCESS_STATS_BPF_H

#include <bpf/bpf_helpers.h>
#include "kmh_common.h"
#include "process_stats.h"
#include "workload_scope.bpf.h"

/*
 * Plain (not per-CPU) hashes updated with atomic adds: a per-CPU value of this size
 * times thousands of keys would cost too much on machines with many CPUs.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_PROCESS_KEYS);
	__type(key, struct kmh_process_key);
	__type(value, struct kmh_process_stats);
} process_stats SEC(".maps");

struct kmh_start_key {
	__u32 tid;
	__u32 kind;
};

/* Begin timestamps by thread and kind; kinds may nest (slab shrinking inside reclaim). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, KMH_STARTS);
	__type(key, struct kmh_start_key);
	__type(value, __u64);
} starts SEC(".maps");

static const struct kmh_process_stats zero_stats;

/* floor(log2(ns)), 0 for 0, without a loop (as libbpf-tools' log2l()). */
static __always_inline __u32 latency_bucket(__u64 ns)
{
	__u32 bucket, shift;

	bucket = (ns > 0xffffffffULL) << 5;
	ns >>= bucket;
	shift = (ns > 0xffff) << 4;
	ns >>= shift;
	bucket |= shift;
	shift = (ns > 0xff) << 3;
	ns >>= shift;
	bucket |= shift;
	shift = (ns > 0xf) << 2;
	ns >>= shift;
	bucket |= shift;
	shift = (ns > 0x3) << 1;
	ns >>= shift;
	bucket |= shift;
	bucket |= (ns >> 1);
	return bucket;
}

static __always_inline struct kmh_process_stats *stats_of(struct kmh_process_key *key)
{
	struct kmh_process_stats *stats = bpf_map_lookup_elem(&process_stats, key);

	if (stats)
		return stats;
	bpf_map_update_elem(&process_stats, key, &zero_stats, BPF_NOEXIST);
	return bpf_map_lookup_elem(&process_stats, key);
}

static __always_inline void raise_max(__u64 *max, __u64 value)
{
	__u64 seen = *max;

	for (int i = 0; i < 4 && value > seen; i++) {
		__u64 was = __sync_val_compare_and_swap(max, seen, value);

		if (was == seen)
			break;
		seen = was;
	}
}

/* latency_ns < 0: an event without a begin, counted but not timed. */
static __always_inline void add_to(struct kmh_process_key *key, __u64 amount, __s64 latency_ns)
{
	struct kmh_process_stats *stats = stats_of(key);
	__u32 bucket;

	if (!stats)
		return;
	__sync_fetch_and_add(&stats->events, 1);
	if (amount)
		__sync_fetch_and_add(&stats->amount, amount);
	if (latency_ns < 0)
		return;
	__sync_fetch_and_add(&stats->total_ns, latency_ns);
	raise_max(&stats->max_ns, latency_ns);
	bucket = latency_bucket(latency_ns);
	/*
	 * The mask changes nothing (log2 of a u64 is below 64), but lets verifiers that cannot
	 * follow latency_bucket()'s shifts (Linux 6.1) see the index in bounds; barrier_var()
	 * keeps the compiler from dropping it.
	 */
	barrier_var(bucket);
	bucket &= KMH_LATENCY_BUCKETS - 1;
	__sync_fetch_and_add(&stats->buckets[bucket], 1);
}

/* Counts one event of `kind` in the system scope, and in the workload scope when it is ours. */
static __always_inline void record_event(__u32 kind, __s32 detail, __u64 amount, __s64 latency_ns)
{
	struct kmh_process_key key = { .kind = kind, .detail = detail, .scope = KMH_SCOPE_SYSTEM };

	bpf_get_current_comm(key.comm, sizeof(key.comm));
	add_to(&key, amount, latency_ns);
	if (in_workload()) {
		key.scope = KMH_SCOPE_WORKLOAD;
		add_to(&key, amount, latency_ns);
	}
}

static __always_inline void record_begin(__u32 kind)
{
	struct kmh_start_key key = { .tid = (__u32)bpf_get_current_pid_tgid(), .kind = kind };
	__u64 now = bpf_ktime_get_ns();

	bpf_map_update_elem(&starts, &key, &now, BPF_ANY);
}

/* The end of a begin/end pair: timed from this thread's begin; an end without one is ignored. */
static __always_inline void record_end(__u32 kind, __s32 detail, __u64 amount)
{
	struct kmh_start_key key = { .tid = (__u32)bpf_get_current_pid_tgid(), .kind = kind };
	__u64 *began = bpf_map_lookup_elem(&starts, &key);
	__s64 latency_ns;

	if (!began)
		return;
	latency_ns = bpf_ktime_get_ns() - *began;
	bpf_map_delete_elem(&starts, &key);
	record_event(kind, detail, amount, latency_ns);
}

#endif /* __KMH_PROCESS_STATS_BPF_H */
