// Finding a bootable kernel with headers for the VM tests.
#include "test_kernel.h"

#include <filesystem>

namespace kmh::integration {

std::optional<std::string> debian_kernel_with_headers()
{
	const std::string prefix = "vmlinuz-";
	for (const auto &entry : std::filesystem::directory_iterator("/boot")) {
		std::string file = entry.path().filename().string();
		if (file.rfind(prefix, 0) != 0 || !file.ends_with("-amd64"))
			continue;
		std::string release = file.substr(prefix.size());
		if (std::filesystem::is_directory("/usr/src/linux-headers-" + release))
			return entry.path().string();
	}
	return std::nullopt;
}

std::optional<std::string> no_kernel_gap(const std::optional<std::string> &kernel)
{
	if (kernel)
		return std::nullopt;
	return "no /boot/vmlinuz-*-amd64 with headers in /usr/src/linux-headers-<release> to boot in a VM "
	       "(apt-get install linux-image-amd64 linux-headers-amd64)";
}

}  // namespace kmh::integration
