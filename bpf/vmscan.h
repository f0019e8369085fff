/* SPDX-License-Identifier: GPL-2.0 */
/* The vmscan collector's event kinds, the `kind` of its process_stats keys. */
#ifndef __KMH_VMSCAN_H
#define __KMH_VMSCAN_H

enum vmscan_kind {
	VMSCAN_DIRECT_RECLAIM,	/* mm_vmscan_direct_reclaim_begin/end; amount: pages reclaimed */
	VMSCAN_MEMCG_RECLAIM,	/* mm_vmscan_memcg_reclaim_begin/end; amount: pages reclaimed */
	VMSCAN_SHRINK_SLAB,	/* mm_shrink_slab_start/end; amount: objects freed */
	VMSCAN_KSWAPD_WAKEUP,	/* mm_vmscan_wakeup_kswapd */
	VMSCAN_WRITEPAGE,	/* mm_vmscan_write_folio (mm_vmscan_writepage before folios); amount: pages (tp_btf, raw_tp of write_folio) */
};

#endif /* __KMH_VMSCAN_H */
