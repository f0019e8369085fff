// Writing a run's result folder: result.json and junit.xml, side by side.
#pragma once

#include <string>

#include "report/run_result.h"

namespace kmh {

// Creates `dir` when needed. Throws run_error naming the file that could not be written.
void write_result_files(const RunResult &result, const std::string &dir);

}  // namespace kmh
