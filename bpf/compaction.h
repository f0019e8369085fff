/* SPDX-License-Identifier: GPL-2.0 */
/* The compaction collector's event kinds, the `kind` of its process_stats keys. */
#ifndef __KMH_COMPACTION_H
#define __KMH_COMPACTION_H

enum compaction_kind {
	COMPACTION_BEGIN,		/* mm_compaction_begin: compact_zone() starts on a zone */
	COMPACTION_RUN,			/* mm_compaction_end, timed from its begin; detail: status */
	COMPACTION_MIGRATED,		/* mm_compaction_migratepages; amount: pages migrated */
	COMPACTION_MIGRATE_FAILED,	/* mm_compaction_migratepages; amount: pages that failed */
	COMPACTION_ISOLATED_MIGRATE,	/* mm_compaction_isolate_migratepages; amount: nr_taken */
	COMPACTION_ISOLATED_FREE,	/* mm_compaction_(fast_)isolate_freepages; amount: nr_taken */
	COMPACTION_DEFER,		/* mm_compaction_defer_compaction; detail: order */
	COMPACTION_DEFERRED,		/* mm_compaction_deferred; detail: order */
	COMPACTION_DIRECT,		/* mm_compaction_try_to_compact_pages; detail: order */
	COMPACTION_KCOMPACTD_WAKE,	/* mm_compaction_kcompactd_wake: kcompactd starts work */
	COMPACTION_KCOMPACTD_WAKEUP,	/* mm_compaction_wakeup_kcompactd: someone wakes it */
	COMPACTION_SUITABLE,		/* mm_compaction_suitable; detail: compaction_suitable_detail() */
};

/* compaction_suitable()'s verdict on a zone: its zone_type, the order, the compact_result. */
#define COMPACTION_SUITABLE_DETAIL(zone_idx, order, result) \
	((int)(((zone_idx) & 0xff) << 16 | ((order) & 0xff) << 8 | ((result) & 0xff)))

#endif /* __KMH_COMPACTION_H */
