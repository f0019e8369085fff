// Listing /boot/vmlinuz-* and /usr/lib/modules/*/vmlinuz, with their headers, newest release first.
#include "vm/installed_kernel.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace kmh {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view image_prefix = "vmlinuz-";
constexpr std::string_view arch_suffix = "-amd64";

// The next run of digits or of other characters in `text` from `at`.
std::string_view next_chunk(std::string_view text, std::size_t &at)
{
	std::size_t start = at;
	bool digits = std::isdigit(static_cast<unsigned char>(text[at])) != 0;
	while (at < text.size() && (std::isdigit(static_cast<unsigned char>(text[at])) != 0) == digits)
		at++;
	return text.substr(start, at - start);
}

// Version order: runs of digits compare as numbers (6.1.0-100 after 6.1.0-57, 6.12 after 6.1).
bool older_release(std::string_view a, std::string_view b)
{
	std::size_t at_a = 0;
	std::size_t at_b = 0;
	while (at_a < a.size() && at_b < b.size()) {
		std::string_view chunk_a = next_chunk(a, at_a);
		std::string_view chunk_b = next_chunk(b, at_b);
		bool numbers = std::isdigit(static_cast<unsigned char>(chunk_a[0])) &&
			       std::isdigit(static_cast<unsigned char>(chunk_b[0]));
		if (numbers && chunk_a.size() != chunk_b.size())
			return chunk_a.size() < chunk_b.size();  // no leading zeros in releases
		if (chunk_a != chunk_b)
			return chunk_a < chunk_b;
	}
	return a.size() - at_a < b.size() - at_b;
}

std::string headers_of(const fs::path &root, const std::string &release)
{
	fs::path headers = root / "usr/src" / ("linux-headers-" + release);
	std::error_code unreadable;
	return fs::exists(headers / "Makefile", unreadable) ? headers.lexically_normal().string() : "";
}

InstalledKernel describe_kernel(const fs::path &root, const std::string &release, const fs::path &image)
{
	return {release, series_of(release), flavour_of(release), image.lexically_normal().string(),
		headers_of(root, release)};
}

void add_boot_images(const fs::path &root, std::vector<InstalledKernel> &kernels, std::set<std::string> &seen)
{
	std::error_code missing;
	for (const fs::directory_entry &entry : fs::directory_iterator(root / "boot", missing)) {
		std::string file = entry.path().filename().string();
		if (!file.starts_with(image_prefix) || !file.ends_with(arch_suffix) || !entry.is_regular_file(missing))
			continue;
		std::string release = file.substr(image_prefix.size());
		if (seen.insert(release).second)
			kernels.push_back(describe_kernel(root, release, entry.path()));
	}
}

void add_module_dir_images(const fs::path &root, std::vector<InstalledKernel> &kernels, std::set<std::string> &seen)
{
	std::error_code missing;
	for (const fs::directory_entry &entry : fs::directory_iterator(root / "usr/lib/modules", missing)) {
		std::string release = entry.path().filename().string();
		fs::path image = entry.path() / "vmlinuz";
		if (release.ends_with(arch_suffix) && fs::is_regular_file(image, missing) && seen.insert(release).second)
			kernels.push_back(describe_kernel(root, release, image));
	}
}

}  // namespace

std::vector<InstalledKernel> installed_kernels(const fs::path &root)
{
	std::vector<InstalledKernel> kernels;
	std::set<std::string> seen;
	add_boot_images(root, kernels, seen);
	add_module_dir_images(root, kernels, seen);
	std::sort(kernels.begin(), kernels.end(), [](const InstalledKernel &a, const InstalledKernel &b) {
		return older_release(b.release, a.release);
	});
	return kernels;
}

std::optional<InstalledKernel> installed_kernel_with_headers(const KernelChoice &choice, const fs::path &root)
{
	for (const InstalledKernel &kernel : installed_kernels(root))
		if (matches(choice, kernel.release) && !kernel.headers_dir.empty())
			return kernel;
	return std::nullopt;
}

}  // namespace kmh
