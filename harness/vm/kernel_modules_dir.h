// Where a kernel image's modules are installed: beside it in newer Debian packages, else /lib/modules.
#pragma once

#include <string>

namespace kmh {

// The folder of `image` when it is <folder named release>/vmlinuz, as newer Debian packages install
// it (/usr/lib/modules/<release>/vmlinuz, modules beside it); otherwise /lib/modules/<release>.
std::string kernel_modules_dir(const std::string &image, const std::string &release);

}  // namespace kmh
