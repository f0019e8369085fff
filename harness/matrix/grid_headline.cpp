// The grid's one-line outcome, at the head of its terminal, Markdown and HTML forms.
#include <fmt/format.h>

#include "matrix/grid_reports.h"

namespace kmh {

std::string grid_headline(const MatrixGrid &grid)
{
	return fmt::format("kmemharness matrix: {} kernel(s) x {} scenario(s): {} passed, {} failed, {} skipped, "
			   "{} errors, {} crashed{} (exit {}, {:.0f} s)",
			   grid.kernels.size(), grid.scenarios.size(), count_cells(grid, CellVerdict::pass),
			   count_cells(grid, CellVerdict::fail), count_cells(grid, CellVerdict::skip),
			   count_cells(grid, CellVerdict::error), count_cells(grid, CellVerdict::crash),
			   grid.complete ? "" : ", INCOMPLETE (interrupted)", to_int(matrix_exit_code(grid)), grid.seconds);
}

}  // namespace kmh
