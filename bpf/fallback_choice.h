/* SPDX-License-Identifier: GPL-2.0 */
/* Key of the fallback_choice collector's hash, shared by BPF and user space. */
#ifndef __KMH_FALLBACK_CHOICE_H
#define __KMH_FALLBACK_CHOICE_H

#define KMH_FALLBACK_CHOICE_KEYS 4096
#define KMH_ZONE_NAME_LEN 8

enum fallback_lists {
	FALLBACK_LISTS_READ,		/* the page's zone was found and its free lists read */
	FALLBACK_LISTS_NO_SYMBOLS,	/* no node_data/contig_page_data or vmemmap_base in kallsyms */
	FALLBACK_LISTS_NO_ZONE,		/* the page is in no zone of the first nodes */
	FALLBACK_LISTS_OTHER_TYPE,	/* an allocation type outside the fallback table */
};

struct fallback_choice_key {
	int alloc_order;
	int fallback_order;
	int alloc_migratetype;
	int fallback_migratetype;
	int lists;			/* enum fallback_lists */
	int smaller_free;		/* a fallback list of an order in [alloc, fallback) held a block */
	int larger_free;		/* a fallback list of an order above fallback held a block */
	int scope;			/* KMH_SCOPE_* */
	char zone[KMH_ZONE_NAME_LEN];
};

#endif /* __KMH_FALLBACK_CHOICE_H */
