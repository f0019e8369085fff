// Reading enum migratetype from vmlinux BTF and naming its values.
#include "collect/migratetype_names.h"

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include <set>

namespace kmh {

namespace {

const std::set<std::string> public_names = {"UNMOVABLE", "MOVABLE", "RECLAIMABLE", "HIGHATOMIC", "CMA", "ISOLATE"};

std::map<std::string, int> read_enum_from_btf()
{
	std::map<std::string, int> enumerators;
	btf *vmlinux = btf__load_vmlinux_btf();
	if (!vmlinux)
		return enumerators;
	int id = btf__find_by_name_kind(vmlinux, "migratetype", BTF_KIND_ENUM);
	if (id > 0) {
		const btf_type *type = btf__type_by_id(vmlinux, id);
		const struct btf_enum *values = btf_enum(type);
		for (int i = 0; i < btf_vlen(type); ++i)
			enumerators[btf__name_by_offset(vmlinux, values[i].name_off)] = values[i].val;
	}
	btf__free(vmlinux);
	return enumerators;
}

}  // namespace

MigratetypeNames MigratetypeNames::from_kernel()
{
	std::map<std::string, int> enumerators = read_enum_from_btf();
	if (enumerators.empty())
		enumerators = {{"MIGRATE_UNMOVABLE", 0}, {"MIGRATE_MOVABLE", 1}, {"MIGRATE_RECLAIMABLE", 2},
			       {"MIGRATE_HIGHATOMIC", 3}, {"MIGRATE_ISOLATE", 4}};
	return from_enum(enumerators);
}

MigratetypeNames MigratetypeNames::from_enum(const std::map<std::string, int> &enumerators)
{
	MigratetypeNames names;
	for (const auto &[enumerator, value] : enumerators) {
		std::string name = enumerator.rfind("MIGRATE_", 0) == 0 ? enumerator.substr(8) : enumerator;
		if (public_names.count(name))
			names.names_[value] = name;
	}
	return names;
}

std::string MigratetypeNames::name(int value) const
{
	auto found = names_.find(value);
	return found == names_.end() ? "MIGRATETYPE_" + std::to_string(value) : found->second;
}

}  // namespace kmh
