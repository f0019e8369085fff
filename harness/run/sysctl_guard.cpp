// Writing sysctls through /proc/sys, journaling the originals first, and restoring them.
#include "run/sysctl_guard.h"

#include <algorithm>

#include <fmt/core.h>

#include "common/error.h"
#include "common/whole_number.h"
#include "system/file_io.h"

namespace kmh {

namespace {

std::string trimmed(std::string text)
{
	while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t'))
		text.pop_back();
	return text;
}

// Writes back each change's original value, newest first; returns the messages of those that fail.
std::vector<std::string> undo(const std::vector<SysctlChange> &changes)
{
	std::vector<std::string> failures;
	for (auto change = changes.rbegin(); change != changes.rend(); ++change) {
		try {
			write_text_file(sysctl_path(change->name), change->before);
		} catch (const Error &error) {
			failures.push_back(fmt::format("could not restore sysctl {} to {}: {}", change->name,
						       change->before, error.what()));
		}
	}
	return failures;
}

// What the setting writes: its value, or for NAME+=N the value found plus N.
std::string value_to_write(const SysctlSetting &setting, const std::string &before)
{
	if (!setting.raise)
		return setting.value;
	std::optional<long long> found = whole_number(before), amount = whole_number(setting.value);
	if (!found || !amount)
		throw invalid_input(setting.where.to_string() + ": sysctl " + setting.name + " is \"" + before +
				    "\", not a single integer: " + setting.name + "+=" + setting.value +
				    " raises only a sysctl that holds one integer");
	return std::to_string(*found + *amount);
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
		SysctlChange change{ setting.name, trimmed(*before), value_to_write(setting, trimmed(*before)) };
		journal_sysctl(journal_, change);
		changes_.push_back(change);  // undone even when the write fails: writing the original is harmless
		try {
			write_text_file(path, change.value);
		} catch (const Error &error) {
			throw environment_error(setting.where.to_string() + ": cannot set sysctl " + setting.name + ": " +
						error.what());
		}
	}
}

SysctlGuard::~SysctlGuard()
{
	std::vector<std::string> failures = undo(changes_);
	for (const std::string &failure : failures)
		fmt::print(stderr, "kmemharness: {}; it stays in {} for the next run\n", failure, journal_);
	if (failures.empty() && !changes_.empty())
		remove_sysctl_journal(journal_);
}

std::vector<SysctlChange> restore_journaled_sysctls(const std::string &journal)
{
	std::vector<SysctlChange> changes = read_sysctl_journal(journal);
	std::vector<std::string> failures = undo(changes);
	if (!failures.empty())
		throw environment_error(failures.front() + " (a killed run left it changed; journal " + journal +
					"): put it back by hand and remove the journal");
	remove_sysctl_journal(journal);
	return changes;
}

}  // namespace kmh
