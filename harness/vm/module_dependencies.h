// The kernel modules a guest loads for a driver, with their dependencies, from modules.dep.
#pragma once

#include <string>
#include <vector>

namespace kmh {

struct WantedModule {
	// As modules.dep names it without a compression suffix: "kernel/fs/ext4/ext4.ko"; then the
	// names it had in other kernels, the first a kernel lists winning ("kernel/crypto/crc32c_generic.ko"
	// became "kernel/crypto/crc32c-cryptoapi.ko" in 6.14).
	std::vector<std::string> paths;
	std::string config;  // the Kconfig symbol that builds it, for the error when it is missing: "CONFIG_EXT4_FS"
};

// The module files that give a kernel every `wanted` module, in load order (dependencies first,
// each file once), as paths under `modules_dir` (/lib/modules/<release>); a module that
// modules.builtin lists needs no file. The files may be compressed (.ko.xz, .ko.zst, .ko.gz).
// Throws environment_error naming what is missing: modules.dep, a module's entry, a file.
std::vector<std::string> module_load_order(const std::string &modules_dir, const std::string &release,
					   const std::vector<WantedModule> &wanted);

}  // namespace kmh
