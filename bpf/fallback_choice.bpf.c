// SPDX-License-Identifier: GPL-2.0
/*
 * fallback_choice collector: at each migratetype fallback (mm_page_alloc_extfrag),
 * whether the free lists of the other migratetypes the allocation may fall back
 * to held a smaller, or a larger, block than the one the allocator split.
 *
 * The tracepoint runs under the zone->lock the allocator holds, so the lists
 * read here are the ones it chose from. The zone is the one of node_data[] (or
 * contig_page_data) whose span holds the page's pfn, computed from vmemmap_base:
 * data symbols, in kallsyms only with CONFIG_KALLSYMS_ALL.
 *
 * Where the kernel splits the block before the tracepoint (page_del_and_expand(),
 * 6.10 on), the halves page + 2^o it put first on the lists of the orders below
 * the fallback order are part of the split block, not free blocks of their own.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "kmh_common.h"
#include "fallback_choice.h"
#include "keep_event.bpf.h"
#include "keyed_counts.bpf.h"
#include "variants.bpf.h"
#include "workload_scope.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define MAX_NODES 8
#define MAX_ZONES 8
#define MAX_ORDERS 16
#define PCP_TYPES 3	/* UNMOVABLE, MOVABLE, RECLAIMABLE: the fallback table's types */

extern const void node_data __ksym __weak;
extern const void contig_page_data __ksym __weak;
extern const void vmemmap_base __ksym __weak;

KMH_KEYED_COUNTS(choice_counts, struct fallback_choice_key, KMH_FALLBACK_CHOICE_KEYS);

static __always_inline unsigned long read_word(unsigned long address)
{
	unsigned long value = 0;

	bpf_probe_read_kernel(&value, sizeof(value), (const void *)address);
	return value;
}

static __always_inline unsigned long node_pgdat(int nid)
{
	if (&node_data)
		return read_word((unsigned long)&node_data + nid * sizeof(void *));
	return nid == 0 ? (unsigned long)&contig_page_data : 0;
}

/* The zone of node `pgdat` whose span holds `pfn`, or 0. */
static __always_inline unsigned long zone_in_node(unsigned long pgdat, unsigned long pfn)
{
	unsigned long zones = pgdat + bpf_core_field_offset(struct pglist_data, node_zones);
	unsigned long zone_size = bpf_core_type_size(struct zone);
	int count = bpf_core_field_size(struct pglist_data, node_zones) / zone_size;

	for (int i = 0; i < MAX_ZONES && i < count; i++) {
		struct zone *zone = (struct zone *)(zones + i * zone_size);
		unsigned long start = BPF_CORE_READ(zone, zone_start_pfn);
		unsigned long spanned = BPF_CORE_READ(zone, spanned_pages);

		if (pfn >= start && pfn < start + spanned)
			return (unsigned long)zone;
	}
	return 0;
}

static __always_inline unsigned long page_zone_of(unsigned long page)
{
	unsigned long pfn = (page - read_word((unsigned long)&vmemmap_base)) / bpf_core_type_size(struct page);

	for (int nid = 0; nid < MAX_NODES; nid++) {
		unsigned long pgdat = node_pgdat(nid), zone;

		if (!pgdat)
			continue;
		zone = zone_in_node(pgdat, pfn);
		if (zone)
			return zone;
	}
	return 0;
}

/*
 * Whether free_area[order].free_list[type] of `zone` holds a block other than
 * `split_half` (the list entry of a half of the block being split, or 0).
 */
static __always_inline bool holds_block(unsigned long zone, int order, int type, unsigned long split_half)
{
	unsigned long head = zone + bpf_core_field_offset(struct zone, free_area) +
			     order * bpf_core_type_size(struct free_area) +
			     bpf_core_field_offset(struct free_area, free_list) + type * sizeof(struct list_head);
	unsigned long first = read_word(head);

	if (first == head || !first)
		return false;
	if (first != split_half)
		return true;
	return read_word(first) != head;
}

static __always_inline bool fallback_holds_block(unsigned long zone, int order, int alloc_mt, unsigned long split_half)
{
	for (int type = 0; type < PCP_TYPES; type++)
		if (type != alloc_mt && holds_block(zone, order, type, split_half))
			return true;
	return false;
}

static __always_inline void read_lists(struct fallback_choice_key *key, unsigned long page)
{
	unsigned long zone, page_size = bpf_core_type_size(struct page);
	unsigned long lru = bpf_core_field_offset(struct page, lru);
	int orders;

	if ((!&node_data && !&contig_page_data) || !&vmemmap_base) {
		key->lists = FALLBACK_LISTS_NO_SYMBOLS;
		return;
	}
	zone = page_zone_of(page);
	if (!zone) {
		key->lists = FALLBACK_LISTS_NO_ZONE;
		return;
	}
	bpf_probe_read_kernel_str(key->zone, sizeof(key->zone), (const void *)BPF_CORE_READ((struct zone *)zone, name));
	orders = bpf_core_field_size(struct zone, free_area) / bpf_core_type_size(struct free_area);
	for (int order = 0; order < MAX_ORDERS && order < orders; order++) {
		if (order < key->alloc_order || order == key->fallback_order)
			continue;
		if (order < key->fallback_order) {
			unsigned long half = page + (1UL << order) * page_size + lru;

			if (fallback_holds_block(zone, order, key->alloc_migratetype, half))
				key->smaller_free = 1;
		} else if (fallback_holds_block(zone, order, key->alloc_migratetype, 0)) {
			key->larger_free = 1;
		}
	}
}

static __always_inline int on_extfrag(struct page *page, int alloc_order, int fallback_order, int alloc_mt,
				      int fallback_mt)
{
	struct fallback_choice_key key = {
		.alloc_order = alloc_order,
		.fallback_order = fallback_order,
		.alloc_migratetype = alloc_mt,
		.fallback_migratetype = fallback_mt,
	};

	if (alloc_mt < 0 || alloc_mt >= PCP_TYPES)
		key.lists = FALLBACK_LISTS_OTHER_TYPE;
	else
		read_lists(&key, (unsigned long)page);
	key.scope = KMH_SCOPE_SYSTEM;
	bump_key(&choice_counts, &key);
	if (in_workload()) {
		key.scope = KMH_SCOPE_WORKLOAD;
		bump_key(&choice_counts, &key);
	}
	return KMH_KEEP_EVENT;
}

KMH_BTF_PROGRAMS(mm_page_alloc_extfrag,
		 on_extfrag(page, alloc_order, fallback_order, alloc_migratetype, fallback_migratetype),
		 struct page *page, int alloc_order, int fallback_order, int alloc_migratetype,
		 int fallback_migratetype)
