// The SQLite index of result.json files (results/index.sqlite): which scenario ran on which kernel, when.
#pragma once

#include <string>
#include <vector>

#include "report/run_result.h"

namespace kmh {

inline const char *const default_index_path = "results/index.sqlite";

struct IndexQuery {
	std::string scenario;
	std::string kernel_release;
	std::string since;  // ISO 8601 date or time; runs started at or after it. Empty: any.
};

// Records (or re-records) one result.json: scenario, kernel release, start time, status and its
// absolute path. Creates the database and its folder when missing. Throws kmh::Error
// (run_failed) naming the database when SQLite fails.
void index_result(const std::string &result_path, const RunResult &result,
		  const std::string &index_path = default_index_path);

// index_result(), but a failure only prints a warning: the index helps find runs later and must
// not change a run's outcome.
void index_result_or_warn(const std::string &result_path, const RunResult &result);

// The paths of the indexed runs the query selects, oldest first. Throws kmh::Error
// (invalid_input) when the database does not exist, naming it.
std::vector<std::string> find_indexed_results(const IndexQuery &query, const std::string &index_path = default_index_path);

}  // namespace kmh
