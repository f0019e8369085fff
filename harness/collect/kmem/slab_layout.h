// Which slab tracepoint layout the running kernel has, told from its BTF.
#pragma once

namespace kmh {

enum class SlabTracepointLayout {
	cache,  // v6.1+: kmem_cache_alloc(call_site, ptr, struct kmem_cache *, gfp, node); no *_node events
	sized,  // older: kmem_cache_alloc(call_site, ptr, bytes_req, bytes_alloc, gfp) and *_node events
};

// Reads btf_trace_kmem_cache_alloc from /sys/kernel/btf/vmlinux; `cache` when BTF is absent.
SlabTracepointLayout detect_slab_layout();

}  // namespace kmh
