// The kernels × scenarios a matrix ran and each cell's outcome: what every grid format shows.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "common/exit_code.h"
#include "report/run_result.h"

namespace kmh {

struct MatrixKernel {
	std::string argument;  // as given: an image path, or "host"
	std::string image;     // "" for the running kernel
	std::string release;   // read from the image's header, or uname -r for the host
	std::string slug;      // its folder under the matrix's output folder
	bool host() const { return image.empty(); }
	std::string label() const { return host() ? "host " + release : release; }
};

struct MatrixScenario {
	std::string file;
	std::string name;  // [scenario] name
	std::string slug;  // its folder under each kernel's folder
};

enum class CellVerdict { pass, fail, skip, error, crash };

// PASS, FAIL, SKIP, ERROR, CRASH.
const char *cell_verdict_name(CellVerdict verdict);

struct MatrixCell {
	std::size_t kernel = 0;
	std::size_t scenario = 0;
	CellVerdict verdict = CellVerdict::error;
	ExitCode exit_code = ExitCode::run_failed;
	double seconds = 0;                // the scenario's own run (stage timings), boots excluded
	std::string result_dir;            // holds result.json, junit.xml (and console.log in a VM)
	std::vector<std::string> details;  // a failed assertion's observed against expected, a SKIP's reason, errors
	RunResult run;                     // the cell's result, for the formats that show each assertion (KTAP, LAVA, KCIDB)
};

struct MatrixGrid {
	std::vector<MatrixKernel> kernels;
	std::vector<MatrixScenario> scenarios;
	std::vector<MatrixCell> cells;  // kernel-major: cells of kernel 0, then kernel 1, ...
	std::string output_dir;
	std::string started_at;  // UTC, ISO 8601
	std::string hostname;    // the machine that ran the matrix (uname -n)
	double seconds = 0;      // the whole matrix, boots and module builds included
	bool complete = true;    // false when interrupted before every cell ran

	const MatrixCell *cell(std::size_t kernel, std::size_t scenario) const;
};

// The worst cell's exit code, ranked 5 (kernel crashed) > 4 (run failed) > 2 (invalid) >
// 1 (assertion failed) > 3 (skipped: the kernel lacks something) > 0; 4 when interrupted.
ExitCode matrix_exit_code(const MatrixGrid &grid);

// "PASS 2.1 s", "FAIL 3.0 s", "SKIP", "CRASH": what a grid shows in the cell.
std::string cell_short_text(const MatrixCell &cell);

// The cell's result.json relative to the grid's output folder.
std::string cell_result_path(const MatrixGrid &grid, const MatrixCell &cell);

// The cells that did not pass, in grid order: what every format details below its table.
std::vector<const MatrixCell *> cells_not_passed(const MatrixGrid &grid);

// How many cells have this verdict.
std::size_t count_cells(const MatrixGrid &grid, CellVerdict verdict);

}  // namespace kmh
