/* SPDX-License-Identifier: GPL-2.0 */
/* Key of the extfrag collector's per-CPU hash, shared by BPF and user space. */
#ifndef __KMH_EXTFRAG_H
#define __KMH_EXTFRAG_H

#define KMH_OWNERSHIP_UNKNOWN 2	/* tp_btf/raw_tp cannot see change_ownership */
#define KMH_EXTFRAG_KEYS 4096

struct extfrag_key {
	int alloc_order;
	int fallback_order;
	int alloc_migratetype;
	int fallback_migratetype;
	int change_ownership;	/* 0, 1 or KMH_OWNERSHIP_UNKNOWN */
	int scope;
	int context;		/* KMH_CONTEXT_* */
};

#endif /* __KMH_EXTFRAG_H */
