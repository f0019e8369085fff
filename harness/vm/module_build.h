// Building the kmemharness kernel module (kmod_workloads/) for the kernel a VM boots, with a cache.
#pragma once

#include <string>

#include "common/progress.h"
#include "vm/kernel_image.h"

namespace kmh {

// The cache entry `<cache_dir>/kmod-<release>/` holds the module built for a kernel. Unless the
// sources and headers are unchanged since its build, copies the module's sources (Kbuild,
// Makefile, *.c, *.h) from `source_dir` to a private `kmod-<release>.build-<pid>/`, runs
// `make -C <headers> M=<that folder> modules` there and renames it into the entry's place. All
// of it, and copying the .ko into `destination_dir`, happens holding `kmod-<release>.lock`, so
// runs that start together build once and never read a build in progress. Returns the copy's
// path. Throws environment_error when the sources or tools are missing, run_error when make
// fails or a signal the InterruptWatch caught arrives while waiting or building.
std::string build_module(const std::string &source_dir, const KernelImage &kernel, const std::string &cache_dir,
			 const std::string &destination_dir, Progress &progress);

// A digest of the module sources in `source_dir` and the headers folder they are built against.
std::string module_source_hash(const std::string &source_dir, const std::string &headers_dir);

}  // namespace kmh
