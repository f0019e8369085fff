// Finding result.json files below folders, reading them back and refusing a mix of scenarios.
#include "compare/run_set.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "report/result_json.h"
#include "system/bounded_file.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

const char *const result_file_name = "result.json";
// The largest result.json seen here is 360 KiB (every slab cache's series on 6.12).
constexpr InputFileKind result_file_kind{ "result file", 64ULL << 20 };

}  // namespace

RunResult read_result_text(const std::string &path, const std::string &text)
{
	nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
	if (document.is_discarded())
		throw invalid_input(fmt::format("{} is not JSON", path));
	try {
		return result_from_json(document);
	} catch (const Error &error) {
		throw invalid_input(fmt::format("{}: {}", path, error.what()));
	}
}

std::string read_result_file(const std::string &path)
{
	return read_input_file(path, result_file_kind);
}

std::vector<std::string> RunSet::kernels() const
{
	std::vector<std::string> releases;
	for (const LoadedRun &run : runs)
		if (std::find(releases.begin(), releases.end(), run.result.system.kernel_release) == releases.end())
			releases.push_back(run.result.system.kernel_release);
	return releases;
}

std::vector<std::string> find_result_files(const std::string &path)
{
	std::error_code error;
	if (fs::is_regular_file(path, error))
		return {path};
	if (!fs::is_directory(path, error))
		throw invalid_input(path + (fs::exists(path, error) ? ": neither a regular file nor a folder; give a "
								      "result.json or a folder that holds some"
								    : ": no such file or folder"));
	std::vector<std::string> files;
	for (const fs::directory_entry &entry : fs::recursive_directory_iterator(path))
		if (entry.is_regular_file() && entry.path().filename() == result_file_name)
			files.push_back(entry.path().string());
	if (files.empty())
		throw invalid_input(fmt::format("{}: no {} below this folder", path, result_file_name));
	std::sort(files.begin(), files.end());
	return files;
}

RunSet load_run_set(const std::string &label, const std::vector<std::string> &paths)
{
	if (paths.empty())
		throw invalid_input(fmt::format("no {} runs given", label));
	RunSet set{label, {}};
	for (const std::string &path : paths)
		for (const std::string &file : find_result_files(path))
			set.runs.push_back({file, read_result_text(file, read_result_file(file))});
	return set;
}

void require_one_scenario(const RunSet &baseline, const RunSet &candidate)
{
	std::map<std::string, std::vector<std::string>> files_by_scenario;
	for (const RunSet *set : {&baseline, &candidate})
		for (const LoadedRun &run : set->runs)
			files_by_scenario[run.result.scenario.name].push_back(set->label + " " + run.path);
	if (files_by_scenario.size() <= 1)
		return;
	std::string listing;
	for (const auto &[scenario, files] : files_by_scenario)
		listing += fmt::format("\n  {}: {}", scenario.empty() ? "(unnamed)" : scenario, fmt::join(files, ", "));
	throw invalid_input("cannot compare runs of different scenarios:" + listing);
}

}  // namespace kmh
