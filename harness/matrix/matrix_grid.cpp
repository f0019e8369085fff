// Verdict names, cell lookup and the matrix's exit code.
#include "matrix/matrix_grid.h"

#include <algorithm>
#include <filesystem>

#include <fmt/core.h>

namespace kmh {

namespace {

int severity(ExitCode code)
{
	switch (code) {
	case ExitCode::passed:
		return 0;
	case ExitCode::environment:
		return 1;
	case ExitCode::assertion_failed:
		return 2;
	case ExitCode::invalid_input:
		return 3;
	case ExitCode::run_failed:
		return 4;
	case ExitCode::kernel_crashed:
		return 5;
	}
	return 4;
}

}  // namespace

const char *cell_verdict_name(CellVerdict verdict)
{
	switch (verdict) {
	case CellVerdict::pass:
		return "PASS";
	case CellVerdict::fail:
		return "FAIL";
	case CellVerdict::skip:
		return "SKIP";
	case CellVerdict::error:
		return "ERROR";
	case CellVerdict::crash:
		return "CRASH";
	}
	return "ERROR";
}

const MatrixCell *MatrixGrid::cell(std::size_t kernel, std::size_t scenario) const
{
	auto found = std::find_if(cells.begin(), cells.end(), [&](const MatrixCell &c) {
		return c.kernel == kernel && c.scenario == scenario;
	});
	return found == cells.end() ? nullptr : &*found;
}

ExitCode matrix_exit_code(const MatrixGrid &grid)
{
	ExitCode worst = grid.complete ? ExitCode::passed : ExitCode::run_failed;
	for (const MatrixCell &cell : grid.cells)
		if (severity(cell.exit_code) > severity(worst))
			worst = cell.exit_code;
	return worst;
}

std::string cell_short_text(const MatrixCell &cell)
{
	bool ran = cell.verdict == CellVerdict::pass || cell.verdict == CellVerdict::fail;
	return ran ? fmt::format("{} {:.1f} s", cell_verdict_name(cell.verdict), cell.seconds)
		   : cell_verdict_name(cell.verdict);
}

std::string cell_result_path(const MatrixGrid &grid, const MatrixCell &cell)
{
	namespace fs = std::filesystem;
	return (fs::path(cell.result_dir).lexically_relative(grid.output_dir) / "result.json").string();
}

std::vector<const MatrixCell *> cells_not_passed(const MatrixGrid &grid)
{
	std::vector<const MatrixCell *> cells;
	for (const MatrixCell &cell : grid.cells)
		if (cell.verdict != CellVerdict::pass)
			cells.push_back(&cell);
	return cells;
}

std::size_t count_cells(const MatrixGrid &grid, CellVerdict verdict)
{
	return static_cast<std::size_t>(
		std::count_if(grid.cells.begin(), grid.cells.end(), [&](const MatrixCell &c) { return c.verdict == verdict; }));
}

}  // namespace kmh
