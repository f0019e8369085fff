// Questions collectors ask the running kernel's BTF to choose their programs and name values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

struct btf;

namespace kmh {

class KernelBtf {
public:
	// Loads /sys/kernel/btf/vmlinux; without it every question answers "not found".
	KernelBtf();
	~KernelBtf();
	KernelBtf(const KernelBtf &) = delete;
	KernelBtf &operator=(const KernelBtf &) = delete;

	// Whether the kernel has tracepoint `event` (BTF typedef btf_trace_<event>).
	bool has_tracepoint(const std::string &event) const;
	// Whether the kernel has function `name` in BTF, what fentry and fexit attach to.
	bool has_function(const std::string &name) const;
	// For each argument of tracepoint `event` after its ctx, whether it is a pointer;
	// nullopt when the kernel has no such tracepoint.
	std::optional<std::vector<bool>> tracepoint_pointer_arguments(const std::string &event) const;
	// The enumerators of `enum <name>` by name; empty when BTF has no such enum.
	std::map<std::string, long long> enumerators(const std::string &enum_name) const;

private:
	btf *btf_ = nullptr;
};

}  // namespace kmh
