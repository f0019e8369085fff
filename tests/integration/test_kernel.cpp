// Which Debian kernels the VM tests boot, and what the tests say when none is installed.
#include "test_kernel.h"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace kmh::integration {

namespace {

bool is_generic(const std::string &release)
{
	return release.ends_with("-amd64") && release.find("-rt-") == std::string::npos &&
	       release.find("-cloud-") == std::string::npos;
}

bool has_headers(const std::string &release)
{
	return std::filesystem::is_directory("/usr/src/linux-headers-" + release);
}

}  // namespace

std::optional<std::string> no_kernel_gap(const std::optional<std::string> &kernel)
{
	if (kernel)
		return std::nullopt;
	return "no /boot/vmlinuz-*-amd64 with headers in /usr/src/linux-headers-<release> to boot in a VM "
	       "(apt-get install linux-image-amd64 linux-headers-amd64)";
}

std::optional<std::string> installed_debian_kernel(const std::string &series)
{
	std::vector<std::string> releases;
	for (const auto &entry : std::filesystem::directory_iterator("/boot")) {
		std::string name = entry.path().filename().string();
		std::string release = name.substr(std::string("vmlinuz-").size());
		if (name.starts_with("vmlinuz-" + series + ".") && is_generic(release) && has_headers(release))
			releases.push_back(release);
	}
	if (releases.empty())
		return std::nullopt;
	return "/boot/vmlinuz-" + *std::max_element(releases.begin(), releases.end());
}

std::optional<std::string> no_kernel_gap(const std::optional<std::string> &kernel, const std::string &series)
{
	if (kernel)
		return std::nullopt;
	return "no generic Debian " + series + " kernel with headers installed (bash scripts/setup.sh test installs "
	       "linux-image-amd64, linux-headers-amd64, linux-image-6.12-amd64 and linux-headers-6.12-amd64)";
}

}  // namespace kmh::integration
