// One matrix cell's verdict and the lines that explain it, read off the run's result.
#pragma once

#include "matrix/matrix_grid.h"
#include "report/run_result.h"

namespace kmh {

// PASS (exit 0), FAIL (1: each failed assertion's observed against expected), SKIP (3: what the
// kernel or machine lacks), CRASH (5: the kernel's console lines), ERROR otherwise (the errors).
MatrixCell cell_outcome(const RunResult &result);

}  // namespace kmh
