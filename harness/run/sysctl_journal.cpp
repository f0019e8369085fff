// The sysctl journal as a JSON array of {name, before, value}, replaced atomically on every change.
#include "run/sysctl_journal.h"

#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "system/file_io.h"
#include "run/machine_lock.h"

namespace kmh {

namespace {

void write_journal(const std::string &path, const nlohmann::json &entries)
{
	std::string temporary = path + ".tmp";
	std::FILE *file = std::fopen(temporary.c_str(), "we");
	bool written = file && std::fputs(entries.dump().c_str(), file) >= 0;
	if (file && std::fclose(file) != 0)
		written = false;
	if (!written || std::rename(temporary.c_str(), path.c_str()) != 0)
		throw environment_error("cannot write the sysctl journal " + path +
					" (the original values a run must restore)");
}

}  // namespace

std::string sysctl_journal_path()
{
	return std::string(machine_state_dir) + "/sysctls.json";
}

void journal_sysctl(const std::string &path, const SysctlChange &change)
{
	nlohmann::json entries = nlohmann::json::array();
	for (const SysctlChange &earlier : read_sysctl_journal(path))
		entries.push_back({ { "name", earlier.name }, { "before", earlier.before }, { "value", earlier.value } });
	entries.push_back({ { "name", change.name }, { "before", change.before }, { "value", change.value } });
	std::error_code ignored;
	std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
	write_journal(path, entries);
}

std::vector<SysctlChange> read_sysctl_journal(const std::string &path)
{
	std::optional<std::string> text = read_text_file(path);
	if (!text)
		return {};
	std::vector<SysctlChange> changes;
	try {
		for (const nlohmann::json &entry : nlohmann::json::parse(*text))
			changes.push_back({ entry.at("name").get<std::string>(), entry.at("before").get<std::string>(),
					    entry.at("value").get<std::string>() });
	} catch (const nlohmann::json::exception &error) {
		throw environment_error("the sysctl journal " + path + " is damaged (" + error.what() +
					"); restore the sysctls it names by hand and remove it");
	}
	return changes;
}

void remove_sysctl_journal(const std::string &path)
{
	std::error_code ignored;
	std::filesystem::remove(path, ignored);
}

}  // namespace kmh
