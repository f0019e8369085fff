// What the VM tests boot: the installed kernel, or the newest generic one of a series, and why none can be.
#include "test_kernel.h"

#include <filesystem>

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

std::optional<std::string> installed_kernel_of_series(const std::string &series)
{
	const std::string prefix = "vmlinuz-" + series + ".";
	std::optional<std::string> newest;
	for (const auto &entry : std::filesystem::directory_iterator("/boot")) {
		std::string file = entry.path().filename().string();
		if (!file.starts_with(prefix))
			continue;
		std::string release = file.substr(std::string("vmlinuz-").size());
		if (is_generic(release) && has_headers(release) && (!newest || release > *newest))
			newest = release;
	}
	if (!newest)
		return std::nullopt;
	return "/boot/vmlinuz-" + *newest;
}

std::optional<std::string> no_series_gap(const std::string &series, const std::optional<std::string> &kernel)
{
	if (kernel)
		return std::nullopt;
	return "no generic /boot/vmlinuz-" + series + ".*-amd64 with headers in /usr/src/linux-headers-<release> "
	       "to boot in a VM (apt-get install linux-image-<release>-amd64 linux-headers-<release>-amd64)";
}

}  // namespace kmh::integration
