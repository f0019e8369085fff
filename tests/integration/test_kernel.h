// The Debian kernel a VM test boots (vm/installed_kernel.h), and why none can be booted.
#pragma once

#include <optional>
#include <string>

#include "vm/installed_kernel.h"

namespace kmh::integration {

// Why no VM test can run here, when `kernel` is empty.
std::optional<std::string> no_kernel_gap(const std::optional<std::string> &kernel);

}  // namespace kmh::integration
