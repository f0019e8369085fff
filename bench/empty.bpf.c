// SPDX-License-Identifier: GPL-2.0
/*
 * Empty tp_btf programs on every kmem tracepoint the kmemharness collectors use:
 * the benchmark's baseline for what merely running a BPF program per event costs.
 */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define EMPTY_PROGRAM(event)            \
	SEC("tp_btf/" #event)           \
	int empty_##event(void *ctx)    \
	{                               \
		return 0;               \
	}

EMPTY_PROGRAM(mm_page_alloc)
EMPTY_PROGRAM(mm_page_free)
EMPTY_PROGRAM(mm_page_free_batched)
EMPTY_PROGRAM(mm_page_alloc_zone_locked)
EMPTY_PROGRAM(mm_page_pcpu_drain)
EMPTY_PROGRAM(mm_page_alloc_extfrag)
EMPTY_PROGRAM(kmalloc)
EMPTY_PROGRAM(kfree)
EMPTY_PROGRAM(kmem_cache_alloc)
EMPTY_PROGRAM(kmem_cache_free)
