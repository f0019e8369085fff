// The Debian metapackages of the kernels kmemharness boots (scripts/debian-kernels.tsv), for "install X" hints.
#pragma once

#include <string>
#include <vector>

#include "vm/kernel_choice.h"

namespace kmh {

struct DebianKernel {
	std::string series;   // "6.12"
	std::string flavour;  // "generic"
	std::string image;    // "linux-image-6.12-amd64"
	std::string headers;  // "linux-headers-6.12-amd64"
	std::string users;    // "test", "docs"
};

// Every row of scripts/debian-kernels.tsv, in its order (built in at configure time).
const std::vector<DebianKernel> &debian_kernels();

// "apt-get install linux-image-6.12-amd64 linux-headers-6.12-amd64" for the first row `choice`
// matches; for a kernel the list does not name, which packages to look for.
std::string kernel_install_hint(const KernelChoice &choice);

}  // namespace kmh
