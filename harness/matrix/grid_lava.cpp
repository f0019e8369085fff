// The matrix as lava-test-case lines: every cell's, named by kernel and scenario.
#include "matrix/grid_reports.h"
#include "report/lava_report.h"
#include "report/test_names.h"

namespace kmh {

std::string grid_lava(const MatrixGrid &grid)
{
	std::string lines;
	for (const MatrixCell &cell : grid.cells)
		lines += lava_test_cases(cell.run, path_component(grid.kernels[cell.kernel].slug) + "." +
							   path_component(grid.scenarios[cell.scenario].slug));
	return lines;
}

}  // namespace kmh
