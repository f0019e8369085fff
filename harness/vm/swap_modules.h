// The kernel modules a guest needs for zram swap, found in the guest kernel's modules.dep.
#pragma once

#include <string>
#include <vector>

namespace kmh {

// zram.ko and the modules it depends on (zsmalloc.ko), in load order, as paths under
// `modules_dir` (/lib/modules/<release>), compressed or not; empty when zram is built into the
// kernel. Throws environment_error naming what is missing: modules.dep, a zram entry, a file.
std::vector<std::string> zram_module_files(const std::string &modules_dir, const std::string &release);

}  // namespace kmh
