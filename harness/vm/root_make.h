// Building the module inside the root of a kernel's own suite: its compiler, its paths as installed there.
#pragma once

#include <filesystem>
#include <string>

#include "vm/command.h"

namespace kmh {

// Runs `make -C <headers> M=<build> -j<jobs> modules` chrooted into `root` (where `headers_dir`
// lies), in a mount namespace of its own that has the host's /dev and a /proc, so nothing stays
// mounted once it ends, however it ends. `build_dir`'s files are copied to /tmp/kmh-module-<pid>
// in the root and what make left there is copied back.
CommandOutput make_module_in_root(const std::string &root, const std::string &headers_dir,
				  const std::filesystem::path &build_dir, unsigned jobs);

}  // namespace kmh
