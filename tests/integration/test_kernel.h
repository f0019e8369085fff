// The Debian kernels a VM test boots (vm/installed_kernel.h, or one of a series), and why none can be booted.
#pragma once

#include <optional>
#include <string>

#include "vm/installed_kernel.h"

namespace kmh::integration {

// Why no VM test can run here, when `kernel` is empty.
std::optional<std::string> no_kernel_gap(const std::optional<std::string> &kernel);

// The newest generic /boot/vmlinuz-<series>.<anything>-amd64 with its headers in /usr/src
// ("6.1" finds 6.1.0-57-amd64, never 6.12.x); nullopt when there is none.
std::optional<std::string> installed_kernel_of_series(const std::string &series);

// Why no kernel of `series` can be booted here, when `kernel` is empty.
std::optional<std::string> no_series_gap(const std::string &series, const std::optional<std::string> &kernel);

}  // namespace kmh::integration
