/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU hashes of event counts by a struct key, and how a collector bumps one exactly. */
#ifndef __KMH_KEYED_COUNTS_BPF_H
#define __KMH_KEYED_COUNTS_BPF_H

#include <bpf/bpf_helpers.h>

#define KMH_KEYED_COUNTS(map_name, key_type, entries)			\
	struct {							\
		__uint(type, BPF_MAP_TYPE_PERCPU_HASH);			\
		__uint(max_entries, entries);				\
		__type(key, key_type);					\
		__type(value, __u64);					\
	} map_name SEC(".maps")

/*
 * One more event under @key. When another CPU inserts the key between the
 * lookup and the insert, the insert fails and this CPU's slot, which the
 * other insert made, is counted instead: no event is lost to the race.
 */
static __always_inline void bump_key(void *map, const void *key)
{
	__u64 one = 1, *count;

	count = bpf_map_lookup_elem(map, key);
	if (!count && bpf_map_update_elem(map, key, &one, BPF_NOEXIST) == 0)
		return;
	if (!count)
		count = bpf_map_lookup_elem(map, key);
	if (count)
		*count += 1;
}

#endif /* __KMH_KEYED_COUNTS_BPF_H */
