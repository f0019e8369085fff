/* SPDX-License-Identifier: GPL-2.0 */
/* Per-CPU slab statistics shared by the slab collector's BPF side and user space. */
#ifndef __KMH_SLAB_H
#define __KMH_SLAB_H

#define KMH_SIZE_BUCKETS 32	/* bucket b counts bytes_alloc in (2^(b-1), 2^b] */

struct slab_stats {
	__u64 kmalloc_events;
	__u64 kmalloc_bytes_req;
	__u64 kmalloc_bytes_alloc;
	__u64 kmalloc_duplicate_events;	/* second firings of one kmalloc call, not counted above */
	__u64 kfree_events;
	__u64 cache_alloc_events;
	__u64 cache_alloc_bytes_req;
	__u64 cache_alloc_bytes_alloc;
	__u64 cache_free_events;
};

#endif /* __KMH_SLAB_H */
