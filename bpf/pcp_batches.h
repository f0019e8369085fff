/* SPDX-License-Identifier: GPL-2.0 */
/* The per-CPU counters of the pcp_batches collector, shared by BPF and user space. */
#ifndef __KMH_PCP_BATCHES_H
#define __KMH_PCP_BATCHES_H

enum pcp_batch_count {
	PCP_REFILL_BATCHES,		/* runs of consecutive refill events */
	PCP_DRAIN_BATCHES,		/* runs of consecutive drain events */
	PCP_REFILL_LOCKS,		/* rmqueue_bulk() calls: one zone->lock acquisition each */
	PCP_DRAIN_LOCKS,		/* free_pcppages_bulk() calls: one zone->lock acquisition each */
	PCP_BATCH_COUNTS,
};

#endif /* __KMH_PCP_BATCHES_H */
