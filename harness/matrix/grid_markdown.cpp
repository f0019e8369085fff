// The matrix grid as a Markdown table, for a pull request or a wiki page.
#include <fmt/format.h>

#include "matrix/grid_reports.h"
#include "report/markdown_cell.h"

namespace kmh {

namespace {

std::string table(const MatrixGrid &grid)
{
	std::string text = "| scenario |";
	std::string rule = "|---|";
	for (const MatrixKernel &kernel : grid.kernels) {
		text += " " + markdown_cell(kernel.label()) + " |";
		rule += "---|";
	}
	text += "\n" + rule + "\n";
	for (std::size_t s = 0; s < grid.scenarios.size(); s++) {
		text += "| " + markdown_cell(grid.scenarios[s].name) + " |";
		for (std::size_t k = 0; k < grid.kernels.size(); k++) {
			const MatrixCell *cell = grid.cell(k, s);
			text += cell ? fmt::format(" [{}]({}) |", cell_short_text(*cell), cell_result_path(grid, *cell))
				     : " not run |";
		}
		text += "\n";
	}
	return text;
}

std::string details(const MatrixGrid &grid)
{
	std::string text;
	for (const MatrixCell *not_passed : cells_not_passed(grid)) {
		const MatrixCell &cell = *not_passed;
		text += fmt::format("- **{}** on {}: {} (exit {})\n", markdown_cell(grid.scenarios[cell.scenario].name),
				    markdown_cell(grid.kernels[cell.kernel].label()), cell_verdict_name(cell.verdict),
				    to_int(cell.exit_code));
		for (const std::string &line : cell.details)
			text += "  - " + markdown_cell(line) + "\n";
	}
	return text.empty() ? text : "\n## Cells that did not pass\n\n" + text;
}

}  // namespace

std::string grid_markdown(const MatrixGrid &grid)
{
	return "# kmemharness matrix\n\n" + markdown_cell(grid_headline(grid)) + "\n\n" + table(grid) + details(grid);
}

}  // namespace kmh
