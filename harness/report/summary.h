// The readable summary printed at the end of `kmemharness run`.
#pragma once

#include <string>

#include "report/run_result.h"

namespace kmh {

// Header (scenario, kernel, status), workloads with their metrics, the key counts per CPU of the
// workload scope next to their system-scope totals, each assertion's verdict, and the run's
// errors. ANSI colours mark verdicts and status only when `color` is true.
std::string summary_text(const RunResult &result, bool color);

// 525609 -> "525,609"; fractions keep two decimals, values below 1 three significant digits,
// NaN and infinities read "n/a".
std::string format_count(double value);

}  // namespace kmh
