// The Debian kernel a VM test boots: an image in /boot whose headers are installed.
#pragma once

#include <optional>
#include <string>

namespace kmh::integration {

// A /boot/vmlinuz-<release>-amd64 with /usr/src/linux-headers-<release>, which a VM run builds the module against.
std::optional<std::string> debian_kernel_with_headers();

// Why no VM test can run here, when `kernel` is empty.
std::optional<std::string> no_kernel_gap(const std::optional<std::string> &kernel);

}  // namespace kmh::integration
