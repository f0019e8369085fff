// The Debian kernels VM tests boot (vm/installed_kernel.h), and why none can be booted.
#pragma once

#include <optional>
#include <string>

#include "vm/installed_kernel.h"

namespace kmh::integration {

// Why no VM test can run here, when `kernel` is empty.
std::optional<std::string> no_kernel_gap(const std::optional<std::string> &kernel);

// The newest installed generic Debian kernel of a series ("6.1", "6.12") with its headers.
std::optional<std::string> installed_debian_kernel(const std::string &series);

// Why a test that boots that series cannot run, when `kernel` is empty.
std::optional<std::string> no_kernel_gap(const std::optional<std::string> &kernel, const std::string &series);

}  // namespace kmh::integration
