// The matrix grid for a person at a terminal: aligned columns, verdicts coloured when asked.
#include <algorithm>

#include <fmt/format.h>

#include "matrix/grid_reports.h"

namespace kmh {

namespace {

const char *verdict_color(CellVerdict verdict)
{
	switch (verdict) {
	case CellVerdict::pass:
		return "\033[32m";
	case CellVerdict::skip:
		return "\033[33m";
	case CellVerdict::fail:
	case CellVerdict::error:
	case CellVerdict::crash:
		break;
	}
	return "\033[1;31m";
}

std::size_t scenario_column_width(const MatrixGrid &grid)
{
	std::size_t width = std::string("scenario").size();
	for (const MatrixScenario &scenario : grid.scenarios)
		width = std::max(width, scenario.name.size());
	return width;
}

std::size_t kernel_column_width(const MatrixKernel &kernel)
{
	return std::max<std::size_t>(kernel.label().size(), 12);
}

std::string cell_text(const MatrixGrid &grid, std::size_t k, std::size_t s, bool color)
{
	const MatrixCell *cell = grid.cell(k, s);
	std::string text = cell ? cell_short_text(*cell) : "not run";
	std::string padded = fmt::format("{:<{}}", text, kernel_column_width(grid.kernels[k]));
	return color && cell ? verdict_color(cell->verdict) + padded + "\033[0m" : padded;
}

std::string table(const MatrixGrid &grid, bool color)
{
	std::size_t first = scenario_column_width(grid);
	std::string text = fmt::format("{:<{}}", "scenario", first);
	for (const MatrixKernel &kernel : grid.kernels)
		text += fmt::format("  {:<{}}", kernel.label(), kernel_column_width(kernel));
	text += "\n";
	for (std::size_t s = 0; s < grid.scenarios.size(); s++) {
		text += fmt::format("{:<{}}", grid.scenarios[s].name, first);
		for (std::size_t k = 0; k < grid.kernels.size(); k++)
			text += "  " + cell_text(grid, k, s, color);
		text += "\n";
	}
	return text;
}

std::string details(const MatrixGrid &grid)
{
	std::string text;
	for (const MatrixCell *not_passed : cells_not_passed(grid)) {
		const MatrixCell &cell = *not_passed;
		text += fmt::format("{} on {}: {} (exit {}), {}\n", grid.scenarios[cell.scenario].name,
				    grid.kernels[cell.kernel].label(), cell_verdict_name(cell.verdict),
				    to_int(cell.exit_code), cell.result_dir + "/result.json");
		for (const std::string &line : cell.details)
			text += "    " + line + "\n";
	}
	return text.empty() ? text : "\nCells that did not pass:\n" + text;
}

}  // namespace

std::string grid_terminal(const MatrixGrid &grid, bool color)
{
	return grid_headline(grid) + "\n\n" + table(grid, color) + details(grid);
}

}  // namespace kmh
