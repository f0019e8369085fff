/* SPDX-License-Identifier: GPL-2.0 */
/* Dimensions and indexing of the per-CPU counter arrays, shared by BPF and user space. */
#ifndef __KMH_COMMON_H
#define __KMH_COMMON_H

#define KMH_SCOPES 2		/* 0: every event (system), 1: the scenario's own (workload) */
#define KMH_SCOPE_SYSTEM 0
#define KMH_SCOPE_WORKLOAD 1
#define KMH_CONTEXTS 4		/* what the CPU was running when the event fired */
#define KMH_CONTEXT_TASK 0
#define KMH_CONTEXT_SOFTIRQ 1
#define KMH_CONTEXT_HARDIRQ 2
#define KMH_CONTEXT_NMI 3
#define KMH_ORDERS 16		/* orders at or above the last are counted in the last */
#define KMH_MIGRATETYPES 8	/* values at or above the last are counted in the last */

/* Slot of (scope, context) in an array of KMH_SCOPE_SLOTS entries. */
#define KMH_SCOPE_SLOTS (KMH_SCOPES * KMH_CONTEXTS)

static inline unsigned int kmh_scope_slot(unsigned int scope, unsigned int context)
{
	return scope * KMH_CONTEXTS + (context & (KMH_CONTEXTS - 1));
}

/* Slot of (scope, context, order, migratetype) in a KMH_PAGE_SLOTS-sized array. */
#define KMH_PAGE_SLOTS (KMH_SCOPE_SLOTS * KMH_ORDERS * KMH_MIGRATETYPES)

static inline unsigned int kmh_page_slot(unsigned int scope, unsigned int context, unsigned int order,
					 unsigned int migratetype)
{
	if (order >= KMH_ORDERS)
		order = KMH_ORDERS - 1;
	if (migratetype >= KMH_MIGRATETYPES)
		migratetype = KMH_MIGRATETYPES - 1;
	return (kmh_scope_slot(scope, context) * KMH_ORDERS + order) * KMH_MIGRATETYPES + migratetype;
}

#endif /* __KMH_COMMON_H */
