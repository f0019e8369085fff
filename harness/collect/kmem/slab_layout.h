// Which slab tracepoint layout the running kernel has, told from its BTF.
#pragma once

#include "collect/bpf/attach_variant.h"

namespace kmh {

enum class SlabTracepointLayout {
	cache,  // v6.1+: kmem_cache_alloc(call_site, ptr, struct kmem_cache *, gfp, node); no *_node events
	sized,  // older: kmem_cache_alloc(call_site, ptr, bytes_req, bytes_alloc, gfp) and *_node events
};

// Reads btf_trace_kmem_cache_alloc from /sys/kernel/btf/vmlinux; `cache` when BTF is absent.
SlabTracepointLayout detect_slab_layout();

// Whether a slab program fits `layout`: those marked "sized" fit the older layout only;
// kmem_cache_alloc without a mark fits the newer.
bool slab_program_fits(SlabTracepointLayout layout, const ProgramName &program);

}  // namespace kmh
