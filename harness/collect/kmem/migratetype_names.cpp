// Reading enum migratetype from vmlinux BTF and naming its values.
#include "collect/kmem/migratetype_names.h"

#include <set>

#include "collect/bpf/kernel_btf.h"

namespace kmh {

namespace {

const std::set<std::string> public_names = {"UNMOVABLE", "MOVABLE", "RECLAIMABLE", "HIGHATOMIC", "CMA", "ISOLATE"};

}  // namespace

MigratetypeNames MigratetypeNames::from_kernel()
{
	std::map<std::string, int> enumerators;
	for (const auto &[name, value] : KernelBtf().enumerators("migratetype"))
		enumerators[name] = static_cast<int>(value);
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
