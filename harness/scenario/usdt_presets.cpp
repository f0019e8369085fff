// The USDT presets: glibc's memory allocation probes (glibc's manual, "Memory Allocation Probes").
#include "scenario/usdt_presets.h"

namespace kmh {

const std::vector<UsdtPreset> &usdt_presets()
{
	static const std::vector<UsdtPreset> presets = {
		{"libc", "libc", "libc", "glibc's malloc probes",
		 {"memory_sbrk_more", "memory_sbrk_less", "memory_heap_new", "memory_heap_free", "memory_heap_more",
		  "memory_heap_less", "memory_malloc_retry", "memory_realloc_retry", "memory_memalign_retry",
		  "memory_calloc_retry", "memory_arena_retry", "memory_arena_new", "memory_arena_reuse",
		  "memory_arena_reuse_wait", "memory_arena_reuse_free_list", "memory_mallopt", "memory_mallopt_mxfast",
		  "memory_mallopt_trim_threshold", "memory_mallopt_top_pad", "memory_mallopt_mmap_threshold",
		  "memory_mallopt_mmap_max", "memory_mallopt_perturb", "memory_mallopt_arena_test",
		  "memory_mallopt_arena_max", "memory_mallopt_free_dyn_thresholds", "memory_tunable_tcache_max_bytes",
		  "memory_tunable_tcache_count", "memory_tunable_tcache_unsorted_limit", "memory_tcache_double_free"}},
	};
	return presets;
}

const UsdtPreset *find_usdt_preset(const std::string &name)
{
	for (const UsdtPreset &preset : usdt_presets())
		if (preset.name == name)
			return &preset;
	return nullptr;
}

std::vector<std::string> usdt_preset_names()
{
	std::vector<std::string> names;
	for (const UsdtPreset &preset : usdt_presets())
		names.push_back(preset.name);
	return names;
}

}  // namespace kmh
