// Questions collectors ask of the running kernel's BTF (/sys/kernel/btf/vmlinux).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kmh {

// Whether the kernel has a raw tracepoint `event`: its BTF has the typedef btf_trace_<event>.
// nullopt when the kernel has no BTF to tell.
std::optional<bool> kernel_has_tracepoint(const std::string &event);

// The parameter names of kernel function `name` ({"mm", "vma", ...}); nullopt when the BTF has
// no such function (or there is no BTF).
std::optional<std::vector<std::string>> kernel_function_parameters(const std::string &name);

}  // namespace kmh
