// Migratetype numbers to names, read from the running kernel's BTF (enum migratetype).
#pragma once

#include <map>
#include <string>

namespace kmh {

// Names without the MIGRATE_ prefix: UNMOVABLE, MOVABLE, RECLAIMABLE, HIGHATOMIC, CMA, ISOLATE.
// Which number means CMA or ISOLATE depends on the kernel's config, hence BTF.
class MigratetypeNames {
public:
	// Reads /sys/kernel/btf/vmlinux; falls back to the layout without CMA when BTF is absent.
	static MigratetypeNames from_kernel();
	static MigratetypeNames from_enum(const std::map<std::string, int> &enumerators);

	std::string name(int value) const;

private:
	std::map<int, std::string> names_;
};

}  // namespace kmh
