// Request lines for the kmemharness module's control file, checked against its bounds, and its reply lines.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "kmod_workloads/kmemharness_bounds.h"

namespace kmh {

enum class KmodOp { kmalloc, cache_create, cache_alloc, cache_destroy, vmalloc, alloc_pages, release, crash };

// One request; each op reads the fields docs/kmod.md lists for it and ignores the rest.
struct KmodRequest {
	KmodOp op = KmodOp::kmalloc;
	std::int64_t count = 1;
	int cpu = 0;
	int free_cpu = -1;               // -1: the allocating CPU frees
	std::string hold{};              // tag to keep the objects under; empty: freed at once
	std::int64_t size = 0;           // kmalloc, vmalloc
	std::string gfp = "GFP_KERNEL";  // names joined with '|'
	bool zero = false;               // kmalloc, cache_alloc: kzalloc / kmem_cache_zalloc
	std::string cache{};             // cache_create, cache_alloc, cache_destroy
	std::int64_t object_size = 0;    // cache_create
	std::int64_t align = 0;          // cache_create
	std::string flags{};             // cache_create: slab flags joined with '|'; empty: none
	std::string variant = "vmalloc";
	std::int64_t order = 0;          // alloc_pages
	bool sieve = false;              // alloc_pages: keep one page of each block, free the rest at once
	std::string tag{};               // release
};

// The module's own bounds (kmod_workloads/kmemharness_bounds.h); it checks them again, together
// with the memory budget, and has the last word.
inline constexpr std::int64_t kmod_max_count = KMH_MAX_COUNT;
inline constexpr std::int64_t kmod_min_vmalloc_size = KMH_MIN_VMALLOC;
inline constexpr std::int64_t kmod_max_vmalloc_size = KMH_MAX_VMALLOC;
inline constexpr std::int64_t kmod_min_object_size = KMH_MIN_OBJECT_SIZE;
inline constexpr std::int64_t kmod_max_object_size = KMH_MAX_OBJECT_SIZE;
inline constexpr std::int64_t kmod_max_align = KMH_MAX_ALIGN;
inline constexpr std::size_t kmod_max_tag_length = KMH_TAG_LEN - 1;
// The kernel's, which the module reads from the kernel it is built for: KMALLOC_MAX_SIZE and the
// highest page order of x86-64 SLUB kernels.
inline constexpr std::int64_t kmod_max_kmalloc_size = 4 << 20;
inline constexpr std::int64_t kmod_max_order = 10;

// The line to write, e.g. "kmalloc count=1000 cpu=0 size=64 gfp=GFP_KERNEL". Throws invalid_input
// naming the field and what is accepted when the request is outside the module's bounds.
std::string format_request(const KmodRequest &request);

// One line read back from the control file: "ok <op> key=value ..." or "error <op>: <reason>".
struct KmodReply {
	bool ok = false;
	std::string op;
	std::map<std::string, std::string> values; // ok: the key=value pairs
	std::string reason;              // not ok: the module's reason, or the whole line
};

KmodReply parse_reply(const std::string &line);

}  // namespace kmh
