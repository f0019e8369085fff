// `kmemharness index add`: result.json files, and the matrix or ab folders that hold them, imported into the result index.
#pragma once

#include <string>
#include <vector>

#include "compare/result_index.h"

namespace kmh {

// A file or folder that was not imported, and why.
struct ImportProblem {
	std::string path;
	std::string why;
};

struct ImportReport {
	std::vector<IndexEntry> added;
	std::vector<std::pair<IndexEntry, std::string>> already_indexed;  // the entry, and the path the index has it at
	std::vector<ImportProblem> skipped;
};

// Every result.json the paths name (a file, or each one below a folder) read, checked and
// recorded in one transaction. A file that is not a kmemharness result.json of this schema (not
// JSON, another program's, a newer schema, no scenario, kernel or start time) is skipped with the
// reason; the rest are imported. Throws kmh::Error (run_failed) when SQLite fails, and then the
// index is as it was.
ImportReport import_results(const std::vector<std::string> &paths, const std::string &index_path);

// The report as the command prints it: one line per file, then the counts.
std::string import_report_text(const ImportReport &report);

}  // namespace kmh
