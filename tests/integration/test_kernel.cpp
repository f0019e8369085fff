// What the VM tests say when no bootable kernel with headers is installed.
#include "test_kernel.h"


namespace kmh::integration {

std::optional<std::string> no_kernel_gap(const std::optional<std::string> &kernel)
{
	if (kernel)
		return std::nullopt;
	return "no /boot/vmlinuz-*-amd64 with headers in /usr/src/linux-headers-<release> to boot in a VM "
	       "(apt-get install linux-image-amd64 linux-headers-amd64)";
}

}  // namespace kmh::integration
