// Building the kmemharness kernel module (kmod_workloads/) for the kernel a VM boots, with a cache.
#pragma once

#include <string>

#include "common/progress.h"
#include "vm/kernel_image.h"

namespace kmh {

// Copies the module's sources (Kbuild, Makefile, *.c, *.h) from `source_dir` to
// `<cache_dir>/kmod-<release>/` and runs `make -C <headers> M=<that folder> modules` there, unless
// the sources and headers are unchanged since the last build. Returns the path of the .ko.
// Throws environment_error when the sources or tools are missing, run_error when make fails.
std::string build_module(const std::string &source_dir, const KernelImage &kernel, const std::string &cache_dir,
			 Progress &progress);

// A digest of the module sources in `source_dir` and the headers folder they are built against.
std::string module_source_hash(const std::string &source_dir, const std::string &headers_dir);

}  // namespace kmh
