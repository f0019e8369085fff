// The --kernel-tree option of run, ab and matrix: a kernel build folder (make O=DIR) as the kernel to boot.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace kmh {

// What --kernel-tree means, for its help text.
inline constexpr const char *kernel_tree_help =
	"a kernel build folder (make O=DIR bzImage modules) to boot in QEMU: its bzImage, its modules, "
	"the module built against it with its compiler";

// A repeatable --kernel-tree DIR whose folders are added after those of --kernel (defined before
// it) in `kernels`: CLI11 stores options in the order they were defined.
CLI::Option *add_kernel_tree_option(CLI::App *app, std::vector<std::string> &kernels);

}  // namespace kmh
