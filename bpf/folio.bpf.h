/* SPDX-License-Identifier: GPL-2.0 */
/* folio_nr_pages() for BPF programs handed a struct folio (swap-in, reclaim writeback). */
#ifndef __KMH_FOLIO_BPF_H
#define __KMH_FOLIO_BPF_H

#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

/*
 * 1 unless the folio is large (PG_head in its flags, the first word of every
 * folio and page), else the count kept in its second page: _nr_pages in recent
 * kernels (6.18), _folio_nr_pages in earlier 6.x ones.
 */
static __always_inline __u64 folio_pages(struct folio *folio)
{
	unsigned long flags = 0;

	bpf_probe_read_kernel(&flags, sizeof(flags), folio);
	if (!(flags & (1UL << bpf_core_enum_value(enum pageflags, PG_head))))
		return 1;
	if (bpf_core_field_exists(folio->_nr_pages))
		return BPF_CORE_READ(folio, _nr_pages);
	if (bpf_core_field_exists(folio->_folio_nr_pages))
		return BPF_CORE_READ(folio, _folio_nr_pages);
	return 1;
}

#endif /* __KMH_FOLIO_BPF_H */
