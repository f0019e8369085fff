// The matrix as one KCIDB document: a checkout and a build per kernel, every cell's tests under its kernel's build.
#include <filesystem>

#include <fmt/format.h>

#include "matrix/grid_reports.h"
#include "report/kcidb_report.h"
#include "report/test_names.h"

namespace kmh {

std::string grid_kcidb(const MatrixGrid &grid, const RenderContext &context)
{
	const std::string &origin = context.kcidb_origin;
	nlohmann::json checkouts = nlohmann::json::array();
	nlohmann::json builds = nlohmann::json::array();
	nlohmann::json tests = nlohmann::json::array();
	for (std::size_t k = 0; k < grid.kernels.size(); k++) {
		std::string key = fmt::format("{}/{}/{}", grid.hostname, grid.started_at, grid.kernels[k].slug);
		bool first = true;
		for (const MatrixCell &cell : grid.cells) {
			if (cell.kernel != k)
				continue;
			if (first) {
				RunResult kernel_facts = cell.run;  // a cell that wrote no result.json knows no release
				if (kernel_facts.system.kernel_release.empty())
					kernel_facts.system.kernel_release = grid.kernels[k].release;
				checkouts.push_back(kcidb_checkout(origin, key, kernel_facts));
				builds.push_back(kcidb_build(origin, key, kernel_facts));
				first = false;
			}
			std::string result_json = (std::filesystem::path(cell.result_dir) / "result.json").string();
			nlohmann::json cell_tests = kcidb_run_tests(cell.run, path_component(grid.scenarios[cell.scenario].slug),
								    origin, kcidb_id(origin, key), result_json);
			tests.insert(tests.end(), cell_tests.begin(), cell_tests.end());
		}
	}
	return kcidb_document_text(checkouts, builds, tests);
}

}  // namespace kmh
