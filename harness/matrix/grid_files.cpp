// The grid's headline and the files a matrix leaves in its output folder.
#include <filesystem>

#include <fmt/format.h>

#include "matrix/grid_reports.h"
#include "system/file_io.h"

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

void write_grid_files(const MatrixGrid &grid)
{
	namespace fs = std::filesystem;
	fs::create_directories(grid.output_dir);
	fs::path dir(grid.output_dir);
	write_file_atomically((dir / "grid.md").string(), grid_markdown(grid));
	write_file_atomically((dir / "grid.html").string(), grid_html(grid));
	write_file_atomically((dir / "junit.xml").string(), grid_junit(grid));
	write_file_atomically((dir / "matrix.json").string(), grid_json(grid));
}

}  // namespace kmh
