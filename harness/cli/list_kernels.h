// `kmemharness list kernels`: the bootable Debian kernels installed here, or the image of one by series and flavour.
#pragma once

#include <string>

namespace kmh {

// Prints one line per installed kernel: series, flavour, release, whether its headers are
// installed, image. Returns the exit code (0).
int list_kernels();

// Prints the image of the newest installed kernel of `choice` ("6.1", "6.12", "6.1-rt") that has
// its headers, for `--kernel "$(kmemharness list kernels --image 6.1)"`. Throws invalid_input
// for a malformed choice and environment_error naming the packages when none is installed.
int print_kernel_image(const std::string &choice);

}  // namespace kmh
