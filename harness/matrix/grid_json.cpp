// matrix.json: the grid as data, for scripts and fleet dashboards.
#include <nlohmann/json.hpp>

#include "matrix/grid_reports.h"

namespace kmh {

namespace {

constexpr int matrix_schema_version = 1;

nlohmann::json kernels_json(const MatrixGrid &grid)
{
	nlohmann::json kernels = nlohmann::json::array();
	for (const MatrixKernel &kernel : grid.kernels)
		kernels.push_back({ { "argument", kernel.argument }, { "image", kernel.image }, { "release", kernel.release },
				    { "host", kernel.host() }, { "folder", kernel.slug } });
	return kernels;
}

nlohmann::json scenarios_json(const MatrixGrid &grid)
{
	nlohmann::json scenarios = nlohmann::json::array();
	for (const MatrixScenario &scenario : grid.scenarios)
		scenarios.push_back({ { "file", scenario.file }, { "name", scenario.name }, { "folder", scenario.slug } });
	return scenarios;
}

nlohmann::json cells_json(const MatrixGrid &grid)
{
	nlohmann::json cells = nlohmann::json::array();
	for (const MatrixCell &cell : grid.cells)
		cells.push_back({ { "kernel", cell.kernel }, { "scenario", cell.scenario },
				  { "verdict", cell_verdict_name(cell.verdict) }, { "exit_code", to_int(cell.exit_code) },
				  { "seconds", cell.seconds }, { "result", cell_result_path(grid, cell) },
				  { "details", cell.details } });
	return cells;
}

}  // namespace

std::string grid_json(const MatrixGrid &grid)
{
	nlohmann::json document = { { "schema_version", matrix_schema_version },
				    { "started_at", grid.started_at },
				    { "seconds", grid.seconds },
				    { "complete", grid.complete },
				    { "exit_code", to_int(matrix_exit_code(grid)) },
				    { "kernels", kernels_json(grid) },
				    { "scenarios", scenarios_json(grid) },
				    { "cells", cells_json(grid) } };
	return document.dump(2) + "\n";
}

}  // namespace kmh
