// Questions collectors ask the running kernel's BTF to choose their programs and name values.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

struct btf;

namespace kmh {

// A view of /sys/kernel/btf/vmlinux, parsed once per process (a few MiB, tens of milliseconds)
// and shared by every KernelBtf; without it every question answers "not found".
class KernelBtf {
public:
	KernelBtf();

	// Whether the kernel exposes BTF at all (without it, "not found" means "cannot tell").
	bool loaded() const { return btf_ != nullptr; }
	// Whether the kernel has tracepoint `event` (BTF typedef btf_trace_<event>).
	bool has_tracepoint(const std::string &event) const;
	// Whether the kernel has function `name` in BTF, what fentry and fexit attach to.
	bool has_function(const std::string &name) const;
	// The parameter names of kernel function `name` ({"mm", "vma", ...}); nullopt when BTF has no
	// such function.
	std::optional<std::vector<std::string>> function_parameters(const std::string &name) const;
	// For each argument of tracepoint `event` after its ctx, whether it is a pointer;
	// nullopt when the kernel has no such tracepoint.
	std::optional<std::vector<bool>> tracepoint_pointer_arguments(const std::string &event) const;
	// The enumerators of `enum <name>` by name; empty when BTF has no such enum.
	std::map<std::string, long long> enumerators(const std::string &enum_name) const;

private:
	const btf *btf_ = nullptr;
};

}  // namespace kmh
