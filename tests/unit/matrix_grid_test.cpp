// Tests of the matrix grid: cell verdicts from results, the worst-cell exit code, every grid format.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "matrix/cell_outcome.h"
#include "matrix/grid_reports.h"

namespace kmh {
namespace {

MatrixCell cell(std::size_t kernel, std::size_t scenario, CellVerdict verdict, ExitCode code,
		std::vector<std::string> details = {})
{
	MatrixCell c;
	c.kernel = kernel;
	c.scenario = scenario;
	c.verdict = verdict;
	c.exit_code = code;
	c.seconds = 2.25;
	c.result_dir = "/out/k" + std::to_string(kernel) + "/s" + std::to_string(scenario);
	c.details = std::move(details);
	return c;
}

MatrixGrid sample_grid()
{
	MatrixGrid grid;
	grid.output_dir = "/out";
	grid.kernels = { { "/boot/vmlinuz-6.1.0-57-amd64", "/boot/vmlinuz-6.1.0-57-amd64", "6.1.0-57-amd64", "k0" },
			 { "host", "", "6.18.44", "k1" } };
	grid.scenarios = { { "a.toml", "kmalloc_burst", "s0" }, { "b.toml", "pcpu <bounce>", "s1" } };
	grid.cells = { cell(0, 0, CellVerdict::pass, ExitCode::passed),
		       cell(0, 1, CellVerdict::fail, ExitCode::assertion_failed,
			    { "drains: observed 3, expected < 1 & more" }),
		       cell(1, 0, CellVerdict::skip, ExitCode::environment, { "the running kernel loads no modules" }),
		       cell(1, 1, CellVerdict::pass, ExitCode::passed) };
	return grid;
}

TEST(MatrixGrid, ExitCodeIsTheWorstCellWithSkipsBelowFailures)
{
	MatrixGrid grid = sample_grid();
	EXPECT_EQ(matrix_exit_code(grid), ExitCode::assertion_failed);
	grid.cells[1] = cell(0, 1, CellVerdict::pass, ExitCode::passed);
	EXPECT_EQ(matrix_exit_code(grid), ExitCode::environment);
	grid.cells[2] = cell(1, 0, CellVerdict::crash, ExitCode::kernel_crashed);
	grid.cells[0] = cell(0, 0, CellVerdict::error, ExitCode::run_failed);
	EXPECT_EQ(matrix_exit_code(grid), ExitCode::kernel_crashed);
}

TEST(MatrixGrid, AnInterruptedGridIsARunFailureEvenWhenEveryCellPassed)
{
	MatrixGrid grid = sample_grid();
	grid.cells = { cell(0, 0, CellVerdict::pass, ExitCode::passed) };
	grid.complete = false;
	EXPECT_EQ(matrix_exit_code(grid), ExitCode::run_failed);
}

TEST(MatrixGrid, CellOutcomeShowsAFailedAssertionsObservedAgainstExpected)
{
	RunResult result;
	result.exit_code = ExitCode::assertion_failed;
	result.timings = { { "workloads", 1.5 }, { "readout", 0.5 } };
	result.assertions = { { "kmalloc_exact", "slab.kmalloc.events == 500", "", 1000, 500, "== 500", "",
				Verdict::fail, {} },
			      { "held", "x > 0", "", 1, 0, "> 0", "", Verdict::pass, {} } };
	MatrixCell outcome = cell_outcome(result);
	EXPECT_EQ(outcome.verdict, CellVerdict::fail);
	EXPECT_DOUBLE_EQ(outcome.seconds, 2.0);
	ASSERT_EQ(outcome.details.size(), 1u);
	EXPECT_EQ(outcome.details[0], "kmalloc_exact: observed 1000, expected == 500");
}

TEST(MatrixGrid, CellOutcomeOfAnEnvironmentGapIsASkipWithItsReason)
{
	RunResult result;
	result.exit_code = ExitCode::environment;
	result.errors = { "no active swap: [requires] features = [\"swap\"]" };
	MatrixCell outcome = cell_outcome(result);
	EXPECT_EQ(outcome.verdict, CellVerdict::skip);
	EXPECT_EQ(outcome.details, result.errors);
}

TEST(MatrixGrid, TerminalGridHasARowPerScenarioAndDetailsForCellsThatDidNotPass)
{
	std::string text = grid_terminal(sample_grid(), false);
	EXPECT_NE(text.find("2 kernel(s) x 2 scenario(s): 2 passed, 1 failed, 1 skipped"), std::string::npos) << text;
	EXPECT_NE(text.find("kmalloc_burst  PASS 2.2 s"), std::string::npos) << text;
	EXPECT_NE(text.find("host 6.18.44"), std::string::npos);
	EXPECT_NE(text.find("pcpu <bounce> on 6.1.0-57-amd64: FAIL (exit 1), /out/k0/s1/result.json"), std::string::npos)
		<< text;
	EXPECT_NE(text.find("    the running kernel loads no modules"), std::string::npos);
	EXPECT_EQ(text.find("\033["), std::string::npos);
	EXPECT_NE(grid_terminal(sample_grid(), true).find("\033[32m"), std::string::npos);
}

TEST(MatrixGrid, MarkdownLinksEachCellToItsResultAndEscapesMarkup)
{
	std::string text = grid_markdown(sample_grid());
	EXPECT_NE(text.find("| scenario | 6.1.0-57-amd64 | host 6.18.44 |"), std::string::npos) << text;
	EXPECT_NE(text.find("[PASS 2.2 s](k0/s0/result.json)"), std::string::npos) << text;
	EXPECT_NE(text.find("\\<bounce>"), std::string::npos) << text;
}

TEST(MatrixGrid, HtmlIsSelfContainedAndEscaped)
{
	std::string html = grid_html(sample_grid());
	EXPECT_NE(html.find("<td class=\"FAIL\""), std::string::npos);
	EXPECT_NE(html.find("pcpu &lt;bounce&gt;"), std::string::npos);
	EXPECT_NE(html.find("expected &lt; 1 &amp; more"), std::string::npos);
	EXPECT_EQ(html.find("<script"), std::string::npos);
	EXPECT_EQ(html.find("http"), std::string::npos);
}

TEST(MatrixGrid, JunitHasASuitePerKernelWithItsCounts)
{
	std::string xml = grid_junit(sample_grid());
	EXPECT_NE(xml.find("<testsuites name=\"kmemharness matrix\" tests=\"4\" failures=\"1\" errors=\"0\" "
			   "skipped=\"1\""),
		  std::string::npos)
		<< xml;
	EXPECT_NE(xml.find("<testsuite name=\"kmemharness.k0\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""),
		  std::string::npos)
		<< xml;
	EXPECT_NE(xml.find("<skipped message=\"the running kernel loads no modules\"/>"), std::string::npos);
	EXPECT_NE(xml.find("<failure message=\"drains: observed 3, expected &lt; 1 &amp; more\""), std::string::npos);
}

TEST(MatrixGrid, JsonListsEveryCellWithItsResultPath)
{
	nlohmann::json document = nlohmann::json::parse(grid_json(sample_grid()));
	EXPECT_EQ(document.at("exit_code"), 1);
	ASSERT_EQ(document.at("cells").size(), 4u);
	EXPECT_EQ(document.at("cells")[2].at("verdict"), "SKIP");
	EXPECT_EQ(document.at("cells")[2].at("result"), "k1/s0/result.json");
	EXPECT_EQ(document.at("kernels")[1].at("host"), true);
}

}  // namespace
}  // namespace kmh
