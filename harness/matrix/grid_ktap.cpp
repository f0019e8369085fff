// The matrix in KTAP v1: kernels at the top level, their scenarios nested, each scenario's assertions nested again.
#include <fmt/format.h>

#include "matrix/grid_reports.h"
#include "report/ktap_report.h"

namespace kmh {

namespace {

// Ok unless a scenario failed or was not reached; skipped when every scenario was.
std::string kernel_test(const MatrixGrid &grid, std::size_t k)
{
	std::string block = fmt::format("  KTAP version 1\n  1..{}\n", grid.scenarios.size());
	bool ok = true;
	std::size_t skipped = 0;
	for (std::size_t s = 0; s < grid.scenarios.size(); s++) {
		const MatrixCell *cell = grid.cell(k, s);
		if (!cell) {
			block += fmt::format("  not ok {} {} # ERROR not run: the matrix was interrupted first\n", s + 1,
					     ktap_text(grid.scenarios[s].name));
			ok = false;
			continue;
		}
		block += ktap_scenario_test(cell->run, s + 1, 1);
		ok = ok && (cell->verdict == CellVerdict::pass || cell->verdict == CellVerdict::skip);
		skipped += cell->verdict == CellVerdict::skip;
	}
	std::string directive = ok && skipped == grid.scenarios.size() ? " # SKIP every scenario was skipped" : "";
	return block + fmt::format("{} {} {}{}\n", ok ? "ok" : "not ok", k + 1, ktap_text(grid.kernels[k].label()),
				   directive);
}

}  // namespace

std::string grid_ktap(const MatrixGrid &grid)
{
	std::string ktap = fmt::format("KTAP version 1\n1..{}\n", grid.kernels.size());
	for (std::size_t k = 0; k < grid.kernels.size(); k++)
		ktap += kernel_test(grid, k);
	return ktap;
}

}  // namespace kmh
