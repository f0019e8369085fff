// Writing a run's result folder: result.json and junit.xml, side by side, agreeing with the exit code.
#pragma once

#include <string>

#include "report/run_result.h"

namespace kmh {

// Creates `dir` when needed. Both files are written under temporary names first and renamed into
// place with result.json last, so a reader never sees a verdict without its companion. When a
// write fails, junit.xml is removed and result.json says run_failed (exit 4, not complete) with
// the reason, or is removed when even that cannot be written; then throws run_error naming the
// file that could not be written.
void write_result_files(const RunResult &result, const std::string &dir);

}  // namespace kmh
