// Telling the slab tracepoint layouts apart by the type of kmem_cache_alloc's third argument.
#include "collect/kmem/slab_layout.h"

#include "collect/bpf/kernel_btf.h"

namespace kmh {

SlabTracepointLayout detect_slab_layout()
{
	std::optional<std::vector<bool>> pointers = KernelBtf().tracepoint_pointer_arguments("kmem_cache_alloc");
	bool sized = pointers && pointers->size() >= 3 && !(*pointers)[2];
	return sized ? SlabTracepointLayout::sized : SlabTracepointLayout::cache;
}

bool slab_program_fits(SlabTracepointLayout layout, const ProgramName &program)
{
	if (layout == SlabTracepointLayout::sized)
		return program.layout == "sized" || program.event != "kmem_cache_alloc";
	return program.layout.empty();
}

}  // namespace kmh
