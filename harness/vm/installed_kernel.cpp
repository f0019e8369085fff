// Picking the installed Debian kernel a VM run boots when none is named.
#include "vm/installed_kernel.h"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace kmh {

namespace {

bool is_flavoured(const std::string &release)
{
	return release.find("-rt-") != std::string::npos || release.find("-cloud-") != std::string::npos;
}

std::vector<std::string> installed_releases()
{
	const std::string prefix = "vmlinuz-";
	std::vector<std::string> releases;
	for (const auto &entry : std::filesystem::directory_iterator("/boot")) {
		std::string file = entry.path().filename().string();
		if (file.starts_with(prefix) && file.ends_with("-amd64"))
			releases.push_back(file.substr(prefix.size()));
	}
	return releases;
}

}  // namespace

std::optional<std::string> installed_kernel_with_headers()
{
	std::vector<std::string> releases = installed_releases();
	std::sort(releases.begin(), releases.end(), [](const std::string &a, const std::string &b) {
		return is_flavoured(a) != is_flavoured(b) ? !is_flavoured(a) : a > b;
	});
	for (const std::string &release : releases)
		if (std::filesystem::is_directory("/usr/src/linux-headers-" + release))
			return "/boot/vmlinuz-" + release;
	return std::nullopt;
}

}  // namespace kmh
