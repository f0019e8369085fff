/* SPDX-License-Identifier: GPL-2.0 */
/* Dimensions and indexing of the per-CPU counter arrays, shared by BPF and user space. */
#ifndef __KMH_COMMON_H
#define __KMH_COMMON_H

#define KMH_SCOPES 2		/* 0: every event (system), 1: the scenario's own (workload) */
#define KMH_SCOPE_SYSTEM 0
#define KMH_SCOPE_WORKLOAD 1
#define KMH_ORDERS 16		/* orders at or above the last are counted in the last */
#define KMH_MIGRATETYPES 8	/* values at or above the last are counted in the last */

/* Slot of (scope, order, migratetype) in a KMH_PAGE_SLOTS-sized array. */
#define KMH_PAGE_SLOTS (KMH_SCOPES * KMH_ORDERS * KMH_MIGRATETYPES)

static inline unsigned int kmh_page_slot(unsigned int scope, unsigned int order, unsigned int migratetype)
{
	if (order >= KMH_ORDERS)
		order = KMH_ORDERS - 1;
	if (migratetype >= KMH_MIGRATETYPES)
		migratetype = KMH_MIGRATETYPES - 1;
	return (scope * KMH_ORDERS + order) * KMH_MIGRATETYPES + migratetype;
}

#endif /* __KMH_COMMON_H */
