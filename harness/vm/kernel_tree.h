// A kernel build folder (`make O=DIR`) as the kernel a VM boots: its image, its headers, its modules installed into the cache.
#pragma once

#include <string>

#include "common/progress.h"

namespace kmh {

// The bzImage of a build folder, relative to it.
inline constexpr const char *kernel_tree_image = "arch/x86/boot/bzImage";

// Whether `path` names a folder: what a kernel build folder is given as (an image is a file).
bool names_folder(const std::string &path);

// The image of the build folder `dir`. Throws environment_error naming what the folder lacks of a
// built kernel (.config, Module.symvers, modules.order, the bzImage) and the make that makes it.
std::string kernel_tree_image_path(const std::string &dir);

// The modules the tree built, installed once per build of its image (`version_text` tells one
// build from the next) with `make -C DIR modules_install`, stripped and with depmod run, into the
// cache entry <cache_dir>/tree-<release>-<digest of version_text>; returns its
// lib/modules/<release>. The entry is made in a private folder and renamed into place, so runs
// that start together never read a half-made one. Throws run_error when make fails.
std::string installed_tree_modules(const std::string &dir, const std::string &release,
				   const std::string &version_text, const std::string &cache_dir, Progress &progress);

}  // namespace kmh
