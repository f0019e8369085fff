// Walking the paths given to `index add`, reading each result.json, and recording the readable ones in one transaction.
#include "index/index_import.h"

#include <fmt/format.h>

#include "common/error.h"
#include "compare/run_set.h"

namespace kmh {

namespace {

struct Candidate {
	std::string path;
	IndexEntry entry;
};

// A result that reads back but could not be found again by the index.
std::string missing_identity(const RunResult &result)
{
	if (result.scenario.name.empty())
		return "no scenario.name";
	if (result.system.kernel_release.empty())
		return "no system.kernel_release";
	if (result.started_at.empty())
		return "no started_at";
	return "";
}

void read_candidate(const std::string &file, std::vector<Candidate> &candidates, ImportReport &report)
{
	try {
		std::string text = read_result_file(file);
		RunResult result = read_result_text(file, text);
		std::string missing = missing_identity(result);
		if (!missing.empty())
			report.skipped.push_back({file, "not a complete kmemharness result: " + missing});
		else
			candidates.push_back({file, index_entry(file, text, result)});
	} catch (const Error &error) {
		report.skipped.push_back({file, error.what()});
	}
}

std::vector<Candidate> read_candidates(const std::vector<std::string> &paths, ImportReport &report)
{
	std::vector<Candidate> candidates;
	for (const std::string &path : paths) {
		std::vector<std::string> files;
		try {
			files = find_result_files(path);
		} catch (const Error &error) {
			report.skipped.push_back({path, error.what()});
		}
		for (const std::string &file : files)
			read_candidate(file, candidates, report);
	}
	return candidates;
}

}  // namespace

ImportReport import_results(const std::vector<std::string> &paths, const std::string &index_path)
{
	ImportReport report;
	std::vector<Candidate> candidates = read_candidates(paths, report);
	std::vector<IndexEntry> entries;
	for (const Candidate &candidate : candidates)
		entries.push_back(candidate.entry);
	std::vector<RecordOutcome> outcomes = record_entries(entries, index_path);
	for (std::size_t i = 0; i < entries.size(); i++) {
		if (outcomes[i].added)
			report.added.push_back(entries[i]);
		else
			report.already_indexed.push_back({entries[i], outcomes[i].indexed_path});
	}
	return report;
}

std::string import_report_text(const ImportReport &report)
{
	std::string text;
	for (const IndexEntry &entry : report.added)
		text += fmt::format("added    {} ({} on {}, machine {}, {})\n", entry.path, entry.scenario,
				    entry.kernel_release, entry.machine, entry.started_at);
	for (const auto &[entry, indexed_path] : report.already_indexed)
		text += entry.path == indexed_path ? fmt::format("known    {} (indexed already)\n", entry.path)
						   : fmt::format("known    {} (the same run as {})\n", entry.path, indexed_path);
	for (const ImportProblem &problem : report.skipped)  // most reasons name the file already
		text += problem.why.rfind(problem.path, 0) == 0 ? fmt::format("skipped  {}\n", problem.why)
								 : fmt::format("skipped  {}: {}\n", problem.path, problem.why);
	text += fmt::format("{} added, {} indexed already, {} skipped\n", report.added.size(),
			    report.already_indexed.size(), report.skipped.size());
	return text;
}

}  // namespace kmh
