// SPDX-License-Identifier: GPL-2.0
/*
 * swapin collector: reads from swap, events and pages, by process (comm) and
 * scope.
 *
 * There is no swap-in tracepoint. Every read of a page or folio from a swap
 * device goes through one function, probed here by fentry or kprobe; its name
 * and argument changed with the folio conversion:
 *   6.1 (Debian):  swap_readpage(struct page *, bool synchronous, struct swap_iocb **)
 *   6.9 on:        swap_read_folio(struct folio *, struct swap_iocb **)
 * User space looks both up in the running kernel's BTF and loads the programs
 * of the one it has. A page is one page; a folio is folio_nr_pages() pages.
 *
 * The function is entered for swap cache readahead as well as for the faulting
 * page, and (swap_read_folio) for folios zswap then serves from memory; the
 * kernel's pswpin counts the reads that reached the swap device. See
 * docs/metrics.md.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "folio.bpf.h"
#include "task_counters.bpf.h"

char LICENSE[] SEC("license") = "GPL";

/* The tally's bytes member carries pages here: a swap-in has no byte size of its own. */
KMH_TASK_COUNTERS(swapin_counts, struct task_scope);

static __always_inline void count_swapin(__u64 pages)
{
	struct task_scope key = {};

	count_task_event(&swapin_counts, &key, &key, pages);
}

SEC("fentry/swap_read_folio")
int BPF_PROG(swap_read_folio__fentry, struct folio *folio)
{
	count_swapin(folio_pages(folio));
	return 0;
}

SEC("kprobe/swap_read_folio")
int BPF_KPROBE(swap_read_folio__kprobe, struct folio *folio)
{
	count_swapin(folio_pages(folio));
	return KMH_KEEP_EVENT;	/* a perf user of the same kprobe still sees it */
}

SEC("fentry/swap_readpage")
int BPF_PROG(swap_readpage__fentry, struct page *page)
{
	count_swapin(1);
	return 0;
}

SEC("kprobe/swap_readpage")
int BPF_KPROBE(swap_readpage__kprobe, struct page *page)
{
	count_swapin(1);
	return KMH_KEEP_EVENT;	/* a perf user of the same kprobe still sees it */
}
