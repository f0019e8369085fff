// Finding a bootable kernel with headers for the VM tests.
#include "test_kernel.h"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace kmh::integration {

// The generic flavour first (the -rt and -cloud flavours sort after it), newest release first.
std::optional<std::string> debian_kernel_with_headers()
{
	const std::string prefix = "vmlinuz-";
	std::vector<std::string> releases;
	for (const auto &entry : std::filesystem::directory_iterator("/boot")) {
		std::string file = entry.path().filename().string();
		if (file.rfind(prefix, 0) == 0 && file.ends_with("-amd64"))
			releases.push_back(file.substr(prefix.size()));
	}
	auto generic_first = [](const std::string &a, const std::string &b) {
		bool a_flavoured = a.find("-rt-") != std::string::npos || a.find("-cloud-") != std::string::npos;
		bool b_flavoured = b.find("-rt-") != std::string::npos || b.find("-cloud-") != std::string::npos;
		return a_flavoured != b_flavoured ? !a_flavoured : a > b;
	};
	std::sort(releases.begin(), releases.end(), generic_first);
	for (const std::string &release : releases)
		if (std::filesystem::is_directory("/usr/src/linux-headers-" + release))
			return "/boot/" + prefix + release;
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
