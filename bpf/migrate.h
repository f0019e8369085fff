/* SPDX-License-Identifier: GPL-2.0 */
/* The migrate collector's counts per (comm, scope, reason, mode), shared by BPF and user space. */
#ifndef __KMH_MIGRATE_H
#define __KMH_MIGRATE_H

#include "process_stats.h"

#define KMH_MIGRATE_KEYS 4096	/* distinct (comm, scope, reason, mode) the collector keeps */

/* The process_stats kind of a migrate_pages() call, timed from mm_migrate_pages_start. */
#define KMH_MIGRATE_CALL 0

struct kmh_migrate_key {
	char comm[KMH_COMM_LEN];	/* the task that called migrate_pages() */
	__u32 scope;			/* KMH_SCOPE_SYSTEM or KMH_SCOPE_WORKLOAD */
	__s32 reason;			/* enum migrate_reason, named from BTF in user space */
	__s32 mode;			/* enum migrate_mode, likewise */
	__u32 pad;
};

/* Sums over the mm_migrate_pages events of one key. */
struct kmh_migrate_counts {
	__u64 calls;			/* events: one per migrate_pages() call */
	__u64 succeeded;		/* base pages migrated (pgmigrate_success) */
	__u64 failed;			/* base pages that failed (pgmigrate_fail) */
	__u64 thp_succeeded;		/* transparent huge pages migrated whole */
	__u64 thp_failed;
	__u64 thp_split;		/* THPs split to migrate their base pages */
	__u64 large_folio_split;	/* other large folios split; kernels with the field only */
};

#endif /* __KMH_MIGRATE_H */
