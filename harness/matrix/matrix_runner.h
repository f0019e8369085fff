// Running a matrix: every kernel's scenarios, on the host in turn or in as few guest boots as possible.
#pragma once

#include "common/progress.h"
#include "matrix/matrix_plan.h"

namespace kmh {

// Runs every cell of the plan and returns the grid with its cells; each cell's result.json and
// junit.xml are in <output>/<kernel slug>/<scenario slug>/. On "host" each scenario runs on the
// running kernel; on an image the scenarios that ask for the same guest share one boot (see
// run_in_vm for what a crash does). A host cell is a `kmemharness run` process of its own. SIGINT, SIGTERM or SIGHUP stop it after the cell under way,
// with the grid marked incomplete. Never throws kmh::Error for a cell's failure.
MatrixGrid run_matrix(const MatrixPlan &plan, const MatrixRequest &request, Progress &progress);

}  // namespace kmh
