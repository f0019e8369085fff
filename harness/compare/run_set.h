// The result.json files of one side of a comparison, read back and checked to be one scenario.
#pragma once

#include <string>
#include <vector>

#include "report/run_result.h"

namespace kmh {

struct LoadedRun {
	std::string path;  // the result.json it came from
	RunResult result;
};

struct RunSet {
	std::string label;  // "baseline" or "candidate"
	std::vector<LoadedRun> runs;

	// The distinct kernel releases the runs ran on, in first-seen order.
	std::vector<std::string> kernels() const;
};

// Every result.json a path names: the file itself, or every result.json below a folder (sorted).
// Throws kmh::Error (invalid_input) for a path that does not exist or holds none.
std::vector<std::string> find_result_files(const std::string &path);

// The bytes of a result file (at most 64 MiB). Throws kmh::Error (invalid_input) naming it when
// it is not a regular file, too large or unreadable.
std::string read_result_file(const std::string &path);

// A result.json's text read back. Throws kmh::Error (invalid_input) naming `path` when it is not
// JSON or not a kmemharness result of this schema_version.
RunResult read_result_text(const std::string &path, const std::string &text);

// Reads every result file the paths name. Throws kmh::Error (invalid_input) naming the file when one
// cannot be read, and when none is found.
RunSet load_run_set(const std::string &label, const std::vector<std::string> &paths);

// Throws kmh::Error (invalid_input) unless every run of both sides ran the same scenario (by name),
// listing which files ran which.
void require_one_scenario(const RunSet &baseline, const RunSet &candidate);

}  // namespace kmh
