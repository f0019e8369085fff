// Finding a kernel installed in /boot that a VM run can boot and build the module for.
#pragma once

#include <optional>
#include <string>

namespace kmh {

// A /boot/vmlinuz-<release>-amd64 with /usr/src/linux-headers-<release>: the generic flavour
// first (the -rt and -cloud flavours after it), newest release first; nullopt when there is none.
std::optional<std::string> installed_kernel_with_headers();

}  // namespace kmh
