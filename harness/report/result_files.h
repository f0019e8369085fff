// Writing a run's result folder: every file format of run_outputs.cpp, agreeing with the exit code.
#pragma once

#include <string>

#include "report/output_format.h"
#include "report/run_result.h"

namespace kmh {

// Creates `dir` when needed. Every file format of run_output_formats() is written under a
// temporary name first, and they are renamed into place with result.json last, so a reader never
// sees a verdict without its companions. When a write fails, the others are removed and
// result.json says run_failed (exit 4, not complete) with the reason, or is removed when even that
// cannot be written; then throws run_error naming the file that could not be written. The
// renderers are told `dir` as their output folder.
void write_result_files(const RunResult &result, const std::string &dir, RenderContext context = {});

}  // namespace kmh
