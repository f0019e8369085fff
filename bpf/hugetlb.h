/* SPDX-License-Identifier: GPL-2.0 */
/* Key of the hugetlb collector's per-CPU hash, shared by BPF and user space. */
#ifndef __KMH_HUGETLB_H
#define __KMH_HUGETLB_H

#include "task_counters.h"

#define KMH_HUGETLB_FAULT 0	/* hugetlb_fault(): every fault on a hugetlb mapping */
#define KMH_HUGETLB_COW 1	/* hugetlb_wp() / hugetlb_cow(): a write that copies the huge page */
#define KMH_HUGETLB_UNCLASSIFIED 2	/* tp_btf variant: a fault whose vma could not be looked up */

#define KMH_MAPPING_LEN 48	/* longer file names are cut */

struct hugetlb_key {
	struct task_scope task;
	__u32 kind;		/* KMH_HUGETLB_* */
	__u32 pad;
	char mapping[KMH_MAPPING_LEN];	/* the mapping's file name; empty: no file */
};

#endif /* __KMH_HUGETLB_H */
