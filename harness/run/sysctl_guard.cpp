// Writing sysctls through /proc/sys and restoring them.
#include "run/sysctl_guard.h"

#include <algorithm>

#include <fmt/core.h>

#include "common/error.h"
#include "system/file_io.h"

namespace kmh {

namespace {

std::string trimmed(std::string text)
{
	while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t'))
		text.pop_back();
	return text;
}

}  // namespace

std::string sysctl_path(const std::string &name)
{
	std::string path = name;
	std::replace(path.begin(), path.end(), '.', '/');
	return "/proc/sys/" + path;
}

void SysctlGuard::apply(const std::vector<SysctlSetting> &settings)
{
	for (const SysctlSetting &setting : settings) {
		std::string path = sysctl_path(setting.name);
		std::optional<std::string> before = read_text_file(path);
		if (!before)
			throw environment_error(setting.where.to_string() + ": sysctl " + setting.name +
						" does not exist on this kernel (" + path + ")");
		try {
			write_text_file(path, setting.value);
		} catch (const Error &error) {
			throw environment_error(setting.where.to_string() + ": cannot set sysctl " + setting.name + ": " +
						error.what());
		}
		changes_.push_back({setting.name, trimmed(*before), setting.value});
	}
}

SysctlGuard::~SysctlGuard()
{
	for (auto change = changes_.rbegin(); change != changes_.rend(); ++change) {
		try {
			write_text_file(sysctl_path(change->name), change->before);
		} catch (const Error &error) {
			fmt::print(stderr, "kmemharness: could not restore sysctl {} to {}: {}\n", change->name,
				   change->before, error.what());
		}
	}
}

}  // namespace kmh
