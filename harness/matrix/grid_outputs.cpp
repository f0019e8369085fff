// The matrix's output table: one entry per format, each pointing at its renderer.
#include "matrix/grid_outputs.h"

#include "matrix/grid_reports.h"

namespace kmh {

namespace {

std::string terminal_grid(const MatrixGrid &grid, const RenderContext &context)
{
	return grid_terminal(grid, context.color);
}

}  // namespace

const OutputTable<MatrixGrid> &grid_output_formats()
{
	static const OutputTable<MatrixGrid> table = {
		{ "terminal", OutputPlace::terminal, "", "the grid", terminal_grid },
		{ "ktap", OutputPlace::stdout_format, "", "KTAP v1, nested per kernel, scenario and assertion", context_free(grid_ktap) },
		{ "lava", OutputPlace::stdout_format, "", "LAVA lava-test-case lines of every cell", context_free(grid_lava) },
		{ "markdown", OutputPlace::file, "grid.md", "the grid as a Markdown table", context_free(grid_markdown) },
		{ "html", OutputPlace::file, "grid.html", "the grid as a self-contained page", context_free(grid_html) },
		{ "junit", OutputPlace::file, "junit.xml", "one JUnit document for the whole grid", context_free(grid_junit) },
		{ "json", OutputPlace::file, "matrix.json", "matrix.json: kernels, scenarios, cells", context_free(grid_json) },
		{ "kcidb", OutputPlace::file, "kcidb.json", "one KCIDB v5.3 document for the whole grid", grid_kcidb },
	};
	return table;
}

}  // namespace kmh
