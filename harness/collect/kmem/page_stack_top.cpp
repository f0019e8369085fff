// The function that asked the page allocator for a block, read off the kernel stack of mm_page_alloc.
#include "collect/kmem/page_stack_top.h"

#include <array>
#include <string_view>

namespace kmh {

namespace {

// Prefixes of the tracing path from the tracepoint to the BPF program.
constexpr std::array<std::string_view, 6> tracing_prefixes = {"bpf_", "__bpf_", "__traceiter_", "trace_",
							       "__trace_", "perf_"};

// Words in the names of the page allocator's entry points and internals across kernels: 6.1's
// __alloc_pages and alloc_pages, 6.12's *_noprof, 6.18's alloc_frozen_pages, folio_alloc, vma_alloc_folio.
constexpr std::array<std::string_view, 8> allocator_words = {
	"alloc_pages", "alloc_frozen_pages", "folio_alloc", "alloc_folio",
	"get_page_from_freelist", "rmqueue", "prep_new_page", "post_alloc_hook",
};

bool starts_with(std::string_view text, std::string_view prefix)
{
	return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool is_tracing_or_page_allocator_function(const std::string &function)
{
	for (std::string_view prefix : tracing_prefixes)
		if (starts_with(function, prefix))
			return true;
	for (std::string_view word : allocator_words)
		if (function.find(word) != std::string::npos)
			return true;
	return false;
}

std::string page_allocation_site(const std::vector<std::string> &frames)
{
	if (frames.empty())
		return "unknown";
	for (const std::string &frame : frames)
		if (!is_tracing_or_page_allocator_function(frame))
			return frame;
	return frames.back();
}

}  // namespace kmh
