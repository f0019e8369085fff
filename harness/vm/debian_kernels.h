// The Debian metapackages of the kernels kmemharness boots (scripts/debian-kernels.tsv), for "install X" hints.
#pragma once

#include <string>

#include "vm/kernel_choice.h"

namespace kmh {

// "apt-get install linux-image-6.12-amd64 linux-headers-6.12-amd64" for the first row of
// scripts/debian-kernels.tsv (built in at configure time) that `choice` matches; for a kernel the
// list does not name, which packages to look for.
std::string kernel_install_hint(const KernelChoice &choice);

}  // namespace kmh
