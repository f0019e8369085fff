// The matrix as one JUnit document: a test suite per kernel, a test case per scenario.
#include <fmt/format.h>

#include "matrix/grid_reports.h"
#include "report/markup_escape.h"

namespace kmh {

namespace {

std::string joined(const std::vector<std::string> &lines)
{
	std::string text;
	for (const std::string &line : lines)
		text += line + "\n";
	return text;
}

std::string outcome_element(const MatrixCell &cell)
{
	std::string message = markup_escape(cell.details.empty() ? cell_verdict_name(cell.verdict) : cell.details.front());
	switch (cell.verdict) {
	case CellVerdict::pass:
		return "";
	case CellVerdict::skip:
		return fmt::format("<skipped message=\"{}\"/>", message);
	case CellVerdict::fail:
		return fmt::format("<failure message=\"{}\" type=\"assertion\">{}</failure>", message,
				   markup_escape(joined(cell.details)));
	case CellVerdict::error:
	case CellVerdict::crash:
		break;
	}
	return fmt::format("<error message=\"{}\" type=\"exit {}\">{}</error>", message, to_int(cell.exit_code),
			   markup_escape(joined(cell.details)));
}

std::size_t count_in_kernel(const MatrixGrid &grid, std::size_t kernel, std::initializer_list<CellVerdict> verdicts)
{
	std::size_t count = 0;
	for (const MatrixCell &cell : grid.cells)
		for (CellVerdict verdict : verdicts)
			count += cell.kernel == kernel && cell.verdict == verdict;
	return count;
}

std::string kernel_suite(const MatrixGrid &grid, std::size_t k)
{
	const MatrixKernel &kernel = grid.kernels[k];
	std::string cases;
	double seconds = 0;
	for (const MatrixCell &cell : grid.cells) {
		if (cell.kernel != k)
			continue;
		seconds += cell.seconds;
		cases += fmt::format("    <testcase classname=\"kmemharness.{}\" name=\"{}\" time=\"{:.3f}\">{}</testcase>\n",
				     markup_escape(kernel.slug), markup_escape(grid.scenarios[cell.scenario].name),
				     cell.seconds, outcome_element(cell));
	}
	return fmt::format("  <testsuite name=\"kmemharness.{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
			   "skipped=\"{}\" time=\"{:.3f}\">\n{}  </testsuite>\n",
			   markup_escape(kernel.slug), count_in_kernel(grid, k, { CellVerdict::pass, CellVerdict::fail,
										    CellVerdict::skip, CellVerdict::error,
										    CellVerdict::crash }),
			   count_in_kernel(grid, k, { CellVerdict::fail }),
			   count_in_kernel(grid, k, { CellVerdict::error, CellVerdict::crash }),
			   count_in_kernel(grid, k, { CellVerdict::skip }), seconds, cases);
}

}  // namespace

std::string grid_junit(const MatrixGrid &grid)
{
	std::string suites;
	for (std::size_t k = 0; k < grid.kernels.size(); k++)
		suites += kernel_suite(grid, k);
	return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"kmemharness matrix\" "
			   "tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n{}</testsuites>\n",
			   grid.cells.size(), count_cells(grid, CellVerdict::fail),
			   count_cells(grid, CellVerdict::error) + count_cells(grid, CellVerdict::crash),
			   count_cells(grid, CellVerdict::skip), grid.seconds, suites);
}

}  // namespace kmh
