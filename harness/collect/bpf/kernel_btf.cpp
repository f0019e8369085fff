// Looking types, functions and enums up in /sys/kernel/btf/vmlinux.
#include "collect/bpf/kernel_btf.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

namespace kmh {

namespace {

// Parsed on first use and kept for the process's life; nullptr without BTF.
const btf *vmlinux_btf()
{
	static const btf *types = [] {
		btf *loaded = btf__load_vmlinux_btf();
		return libbpf_get_error(loaded) ? nullptr : loaded;
	}();
	return types;
}

const btf_type *skip_typedefs(const btf *types, const btf_type *type)
{
	while (type && (btf_is_typedef(type) || btf_is_mod(type)))
		type = btf__type_by_id(types, type->type);
	return type;
}

}  // namespace

KernelBtf::KernelBtf() : btf_(vmlinux_btf())
{
}

bool KernelBtf::has_tracepoint(const std::string &event) const
{
	return btf_ && btf__find_by_name_kind(btf_, ("btf_trace_" + event).c_str(), BTF_KIND_TYPEDEF) > 0;
}

bool KernelBtf::has_function(const std::string &name) const
{
	return btf_ && btf__find_by_name_kind(btf_, name.c_str(), BTF_KIND_FUNC) > 0;
}

std::optional<std::vector<std::string>> KernelBtf::function_parameters(const std::string &name) const
{
	int id = btf_ ? btf__find_by_name_kind(btf_, name.c_str(), BTF_KIND_FUNC) : -1;
	if (id <= 0)
		return std::nullopt;
	const btf_type *proto = btf__type_by_id(btf_, btf__type_by_id(btf_, id)->type);
	if (!proto || !btf_is_func_proto(proto))
		return std::nullopt;
	std::vector<std::string> names;
	const btf_param *params = btf_params(proto);
	for (unsigned short i = 0; i < btf_vlen(proto); ++i)
		names.push_back(btf__name_by_offset(btf_, params[i].name_off));
	return names;
}

// btf_trace_<event> is a typedef of a pointer to a func proto (void *ctx, <event args>...).
std::optional<std::vector<bool>> KernelBtf::tracepoint_pointer_arguments(const std::string &event) const
{
	if (!has_tracepoint(event))
		return std::nullopt;
	int id = btf__find_by_name_kind(btf_, ("btf_trace_" + event).c_str(), BTF_KIND_TYPEDEF);
	const btf_type *proto = skip_typedefs(btf_, btf__type_by_id(btf_, id));
	if (proto && btf_is_ptr(proto))
		proto = skip_typedefs(btf_, btf__type_by_id(btf_, proto->type));
	if (!proto || !btf_is_func_proto(proto))
		return std::nullopt;
	std::vector<bool> pointers;
	for (int i = 1; i < btf_vlen(proto); ++i) {
		const btf_type *argument = skip_typedefs(btf_, btf__type_by_id(btf_, btf_params(proto)[i].type));
		pointers.push_back(argument && btf_is_ptr(argument));
	}
	return pointers;
}

std::map<std::string, long long> KernelBtf::enumerators(const std::string &enum_name) const
{
	std::map<std::string, long long> values;
	int id = btf_ ? btf__find_by_name_kind(btf_, enum_name.c_str(), BTF_KIND_ENUM) : -1;
	if (id <= 0)
		return values;
	const btf_type *type = btf__type_by_id(btf_, id);
	const struct btf_enum *members = btf_enum(type);
	for (int i = 0; i < btf_vlen(type); ++i)
		values[btf__name_by_offset(btf_, members[i].name_off)] = members[i].val;
	return values;
}

}  // namespace kmh
