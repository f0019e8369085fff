// The function that asked the page allocator for a block, read off the kernel stack of mm_page_alloc.
#pragma once

#include <string>
#include <vector>

namespace kmh {

// Whether `function` belongs to the tracing path (bpf_trace_run4, __traceiter_mm_page_alloc, …)
// or to the page allocator itself (__alloc_pages, alloc_pages_mpol_noprof, get_page_from_freelist, …).
bool is_tracing_or_page_allocator_function(const std::string &function);

// The first frame, innermost first, that is neither: the allocating call site. "unknown" for an
// empty stack, the outermost frame when every frame is the allocator's.
std::string page_allocation_site(const std::vector<std::string> &frames);

}  // namespace kmh
