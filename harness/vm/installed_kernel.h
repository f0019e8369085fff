// Finding the Debian kernels installed under a root folder that a VM run can boot, and picking one by series and flavour.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vm/kernel_choice.h"

namespace kmh {

struct InstalledKernel {
	std::string release;      // "6.12.117+deb12-amd64"
	std::string series;       // "6.12"
	std::string flavour;      // "generic"
	std::string image;        // "/boot/vmlinuz-<release>" or "/usr/lib/modules/<release>/vmlinuz"
	std::string headers_dir;  // "/usr/src/linux-headers-<release>"; "" when its headers are not installed
};

// Every amd64 kernel image under `root`: /boot/vmlinuz-<release>, and /usr/lib/modules/<release>/vmlinuz
// where newer Debian packages put it (one entry per release, /boot's first); newest release first.
std::vector<InstalledKernel> installed_kernels(const std::filesystem::path &root = "/");

// The newest installed kernel of `choice` whose headers are installed too; nullopt when there is none.
std::optional<InstalledKernel> installed_kernel_with_headers(const KernelChoice &choice,
							     const std::filesystem::path &root = "/");

}  // namespace kmh
