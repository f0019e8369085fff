// Looking up tracepoint typedefs and function prototypes in the vmlinux BTF.
#include "collect/kernel_btf.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

namespace kmh {

namespace {

// Parsed once per process (a few MiB, tens of milliseconds) and kept; nullptr without BTF.
const btf *vmlinux_btf()
{
	static const btf *types = btf__load_vmlinux_btf();
	return types;
}

}  // namespace

std::optional<bool> kernel_has_tracepoint(const std::string &event)
{
	const btf *types = vmlinux_btf();
	if (!types)
		return std::nullopt;
	return btf__find_by_name_kind(types, ("btf_trace_" + event).c_str(), BTF_KIND_TYPEDEF) > 0;
}

std::optional<std::vector<std::string>> kernel_function_parameters(const std::string &name)
{
	const btf *types = vmlinux_btf();
	if (!types)
		return std::nullopt;
	int id = btf__find_by_name_kind(types, name.c_str(), BTF_KIND_FUNC);
	if (id <= 0)
		return std::nullopt;
	const btf_type *proto = btf__type_by_id(types, btf__type_by_id(types, id)->type);
	if (!proto || !btf_is_func_proto(proto))
		return std::nullopt;
	std::vector<std::string> names;
	const btf_param *params = btf_params(proto);
	for (unsigned short i = 0; i < btf_vlen(proto); ++i)
		names.push_back(btf__name_by_offset(types, params[i].name_off));
	return names;
}

}  // namespace kmh
