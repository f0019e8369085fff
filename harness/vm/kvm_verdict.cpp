// The KVM probe's verdict, kept per kernel release and host boot in the cache folder.
#include "vm/kvm_verdict.h"

#include <filesystem>

#include "system/file_io.h"

namespace kmh {

namespace {

constexpr const char *boot_id_file = "/proc/sys/kernel/random/boot_id";

std::string verdict_file(const std::string &cache_dir, const std::string &kernel_release)
{
	return (std::filesystem::path(cache_dir) / ("kvm-broken-" + kernel_release)).string();
}

}  // namespace

bool kvm_known_broken(const std::string &cache_dir, const std::string &kernel_release)
{
	std::optional<std::string> boot_id = read_text_file(boot_id_file);
	return boot_id && read_text_file(verdict_file(cache_dir, kernel_release)) == boot_id;
}

void remember_kvm_broken(const std::string &cache_dir, const std::string &kernel_release)
{
	std::optional<std::string> boot_id = read_text_file(boot_id_file);
	if (!boot_id)
		return;
	std::filesystem::create_directories(cache_dir);
	write_file_atomically(verdict_file(cache_dir, kernel_release), *boot_id);
}

}  // namespace kmh
