// Telling the slab tracepoint layouts apart by the type of kmem_cache_alloc's third argument.
#include "collect/slab_layout.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

namespace kmh {

namespace {

const btf_type *skip_typedefs(const btf *types, const btf_type *type)
{
	while (type && (btf_is_typedef(type) || btf_is_mod(type)))
		type = btf__type_by_id(types, type->type);
	return type;
}

// btf_trace_<event> is a typedef of a pointer to a func proto (void *ctx, <event args>...).
bool third_argument_is_pointer(const btf *types)
{
	int id = btf__find_by_name_kind(types, "btf_trace_kmem_cache_alloc", BTF_KIND_TYPEDEF);
	if (id <= 0)
		return true;
	const btf_type *proto = skip_typedefs(types, btf__type_by_id(types, id));
	if (proto && btf_is_ptr(proto))
		proto = skip_typedefs(types, btf__type_by_id(types, proto->type));
	if (!proto || !btf_is_func_proto(proto) || btf_vlen(proto) < 4)
		return true;
	const btf_type *third = skip_typedefs(types, btf__type_by_id(types, btf_params(proto)[3].type));
	return third && btf_is_ptr(third);
}

}  // namespace

SlabTracepointLayout detect_slab_layout()
{
	btf *vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux)
		return SlabTracepointLayout::cache;
	bool cache = third_argument_is_pointer(vmlinux);
	btf__free(vmlinux);
	return cache ? SlabTracepointLayout::cache : SlabTracepointLayout::sized;
}

}  // namespace kmh
