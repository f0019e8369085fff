// The matrix grid in every format it is written in: terminal, Markdown, HTML, JUnit, JSON, KTAP, LAVA and KCIDB.
#pragma once

#include <string>

#include "matrix/matrix_grid.h"
#include "report/output_format.h"

namespace kmh {

// Rows of scenarios, a column per kernel, then a line for each cell that did not pass.
std::string grid_terminal(const MatrixGrid &grid, bool color);

// The same as a GitHub-flavoured Markdown table with the details listed below it.
std::string grid_markdown(const MatrixGrid &grid);

// A self-contained page (no external resources): the grid coloured by verdict, each cell linking
// to its result.json, the details below.
std::string grid_html(const MatrixGrid &grid);

// One JUnit document: a <testsuite> per kernel, a <testcase> per scenario; FAIL is a <failure>,
// SKIP <skipped>, ERROR and CRASH an <error>.
std::string grid_junit(const MatrixGrid &grid);

// matrix.json: kernels, scenarios and every cell with its verdict, exit code and result.json path.
std::string grid_json(const MatrixGrid &grid);

// KTAP v1: a test per kernel, a subtest per scenario, a subtest of that per assertion; a cell
// the matrix did not reach (interrupted) is "not ok N scenario # ERROR not run".
std::string grid_ktap(const MatrixGrid &grid);

// lava-test-case lines of every cell, each named "<kernel slug>.<scenario slug>[.<assertion>]".
std::string grid_lava(const MatrixGrid &grid);

// kcidb.json: a checkout and a build per kernel that ran, each cell's tests under its kernel's build.
std::string grid_kcidb(const MatrixGrid &grid, const RenderContext &context);

// The one-line outcome: counts by verdict, exit code, duration.
std::string grid_headline(const MatrixGrid &grid);

}  // namespace kmh
