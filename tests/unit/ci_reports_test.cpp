// What the CI formats promise: path-safe names, the unit of an observed value, KTAP nesting, LAVA lines, KCIDB statuses and ids.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "assertions/observed_unit.h"
#include "matrix/grid_reports.h"
#include "report/kcidb_report.h"
#include "report/ktap_report.h"
#include "report/lava_report.h"
#include "report/output_options.h"
#include "report/test_names.h"

namespace kmh {
namespace {

AssertionResult assertion(const std::string &name, const std::string &expr, double observed, Verdict verdict)
{
	return {name, expr, "", observed, 0, "> 0", "", verdict, {"s.toml", 9, 1}};
}

RunResult failed_run()
{
	RunResult result;
	result.status = "failed";
	result.complete = true;
	result.exit_code = ExitCode::assertion_failed;
	result.scenario.name = "pcpu bounce";
	result.system.hostname = "box";
	result.system.machine = "x86_64";
	result.system.kernel_release = "6.1.0-57-amd64";
	result.started_at = "2026-12-02T04:00:00Z";
	result.assertions = {assertion("drains # on CPU 1", "pcp.drain.events{cpu=1} > 0", 7, Verdict::pass),
			     assertion("bytes", "sum(slab.kmalloc.bytes_alloc) * 2 > 0", 256, Verdict::fail),
			     assertion("bytes", "pcp.drain.events / page.alloc.events > 1", NAN, Verdict::error)};
	return result;
}

RunResult skipped_run()
{
	RunResult result;
	result.status = "environment";
	result.exit_code = ExitCode::environment;
	result.scenario.name = "kmalloc_burst";
	result.errors = {"no module support\nrun it in a VM"};
	return result;
}

TEST(TestNames, KeepOnlyPathSafeCharactersAndStayUnique)
{
	EXPECT_EQ(path_component("drains # on CPU 1"), "drains_on_CPU_1");
	EXPECT_EQ(path_component("a.b/c-d_e"), "a_b_c-d_e");
	EXPECT_EQ(path_component("###"), "unnamed");
	EXPECT_EQ(unique_path_components({"x y", "x_y", "x y"}), (std::vector<std::string>{"x_y", "x_y_2", "x_y_3"}));
}

TEST(ObservedUnit, IsTheUnitTheMetricsOfTheLeftSideShare)
{
	EXPECT_EQ(observed_unit("pcp.drain.events{cpu=1} > 0"), "events");
	EXPECT_EQ(observed_unit("sum(slab.kmalloc.bytes_alloc) * 2 > 0"), "bytes");
	EXPECT_EQ(observed_unit("pcp.drain.events + page.alloc.events >= 1"), "events");
	EXPECT_EQ(observed_unit("pcp.drain.events / page.alloc.events > 1"), "");
	EXPECT_EQ(observed_unit("count(pcp.drain.events) > 1"), "");
	EXPECT_EQ(observed_unit("workload.bounce.pages == 4096"), "");
	EXPECT_EQ(observed_unit("not an expression ("), "");
}

TEST(KtapReport, NestsAssertionsUnderTheScenarioWithFailuresAndErrorsMarked)
{
	EXPECT_EQ(ktap_report(failed_run()), "KTAP version 1\n"
					     "1..1\n"
					     "  KTAP version 1\n"
					     "  1..3\n"
					     "  ok 1 drains on CPU 1\n"
					     "  # bytes: observed 256, expected > 0\n"
					     "  not ok 2 bytes\n"
					     "  not ok 3 bytes # ERROR\n"
					     "not ok 1 pcpu bounce\n");
}

TEST(KtapReport, SkipsARunTheMachineCannotRunWithItsReasonOnOneLine)
{
	EXPECT_EQ(ktap_report(skipped_run()),
		  "KTAP version 1\n1..1\nok 1 kmalloc_burst # SKIP no module support run it in a VM\n");
}

TEST(LavaReport, NamesAreUniqueAndSafeAndMeasurementsCarryTheirUnits)
{
	EXPECT_EQ(lava_report(failed_run()),
		  "lava-test-case pcpu_bounce --result fail --measurement 0 --units seconds\n"
		  "lava-test-case pcpu_bounce.drains_on_CPU_1 --result pass --measurement 7 --units events\n"
		  "lava-test-case pcpu_bounce.bytes --result fail --measurement 256 --units bytes\n"
		  "# pcpu_bounce.bytes_2: \n"
		  "lava-test-case pcpu_bounce.bytes_2 --result fail\n");
	EXPECT_EQ(lava_report(skipped_run()), "# kmalloc_burst: no module support run it in a VM\n"
					      "lava-test-case kmalloc_burst --result skip --measurement 0 --units seconds\n");
}

TEST(KcidbReport, MapsVerdictsToStatusesAndPrefixesIdsWithTheOrigin)
{
	RenderContext context;
	context.kcidb_origin = "my_lab";
	context.output_dir = "/out";
	nlohmann::json document = nlohmann::json::parse(kcidb_run_document(failed_run(), context));
	EXPECT_EQ(document["version"], (nlohmann::json{{"major", 5}, {"minor", 3}}));
	EXPECT_EQ(document["builds"][0]["id"], "my_lab:box/2026-12-02T04:00:00Z/pcpu_bounce");
	EXPECT_EQ(document["builds"][0]["architecture"], "x86_64");
	const nlohmann::json &tests = document["tests"];
	ASSERT_EQ(tests.size(), 4u);
	EXPECT_EQ(tests[0]["path"], "kmemharness.pcpu_bounce");
	EXPECT_EQ(tests[0]["status"], "FAIL");
	EXPECT_EQ(tests[0]["output_files"][0]["url"], "file:///out/result.json");
	EXPECT_EQ(tests[1]["path"], "kmemharness.pcpu_bounce.drains_on_CPU_1");
	EXPECT_EQ(tests[1]["status"], "PASS");
	EXPECT_EQ(tests[1]["number"], (nlohmann::json{{"value", 7.0}, {"unit", "events"}}));
	EXPECT_EQ(tests[2]["number"], (nlohmann::json{{"value", 256.0}, {"unit", "B"}, {"prefix", "binary"}}));
	EXPECT_EQ(tests[3]["path"], "kmemharness.pcpu_bounce.bytes_2");
	EXPECT_EQ(tests[3]["status"], "ERROR");
	EXPECT_FALSE(tests[3].contains("number")) << "NaN is no number";
	for (const nlohmann::json &test : tests)
		EXPECT_EQ(test["id"].get<std::string>().rfind("my_lab:", 0), 0u);
}

TEST(KcidbReport, ASkippedRunIsOneSkippedTestWithItsReason)
{
	nlohmann::json document = nlohmann::json::parse(kcidb_run_document(skipped_run(), {}));
	ASSERT_EQ(document["tests"].size(), 1u);
	EXPECT_EQ(document["tests"][0]["status"], "SKIP");
	EXPECT_EQ(document["tests"][0]["log_excerpt"], "no module support\nrun it in a VM");
	EXPECT_EQ(document["tests"][0]["id"].get<std::string>().rfind("kmemharness:", 0), 0u) << "the default origin";
	EXPECT_FALSE(document["tests"][0].contains("output_files")) << "no folder, no result.json";
}

TEST(KcidbOrigin, TakesLowercaseLettersDigitsAndUnderscoresOnly)
{
	CLI::App app;
	std::string origin = default_kcidb_origin;
	add_kcidb_origin_option(&app, origin);
	app.parse(std::vector<std::string>{"my_lab_2", "--kcidb-origin"});
	EXPECT_EQ(origin, "my_lab_2");
	for (const char *bad : {"My_Lab", "lab-1", "lab:1", ""})
		EXPECT_THROW(app.parse(std::vector<std::string>{bad, "--kcidb-origin"}), CLI::ValidationError) << bad;
}

MatrixGrid two_cell_grid()
{
	MatrixGrid grid;
	grid.hostname = "box";
	grid.started_at = "2026-12-02T04:00:00Z";
	grid.output_dir = "/out";
	grid.kernels = {{"host", "", "6.18.44", "host-6.18.44"}};
	grid.scenarios = {{"a.toml", "pcpu bounce", "pcpu_bounce"}, {"b.toml", "kmalloc_burst", "kmalloc_burst"}};
	MatrixCell failed;
	failed.verdict = CellVerdict::fail;
	failed.run = failed_run();
	failed.result_dir = "/out/host-6.18.44/pcpu_bounce";
	MatrixCell skipped;
	skipped.scenario = 1;
	skipped.verdict = CellVerdict::skip;
	skipped.run = skipped_run();
	skipped.result_dir = "/out/host-6.18.44/kmalloc_burst";
	grid.cells = {failed, skipped};
	return grid;
}

TEST(GridKtap, NestsKernelsScenariosAndAssertionsAndFailsAKernelWithAFailedScenario)
{
	std::string ktap = grid_ktap(two_cell_grid());
	EXPECT_EQ(ktap.rfind("KTAP version 1\n1..1\n  KTAP version 1\n  1..2\n    KTAP version 1\n    1..3\n", 0), 0u) << ktap;
	EXPECT_NE(ktap.find("\n  not ok 1 pcpu bounce\n  ok 2 kmalloc_burst # SKIP no module support"), std::string::npos) << ktap;
	EXPECT_NE(ktap.find("\nnot ok 1 host 6.18.44\n"), std::string::npos) << ktap;
}

TEST(GridKtap, ACellTheMatrixDidNotReachIsAnError)
{
	MatrixGrid grid = two_cell_grid();
	grid.cells.pop_back();
	grid.complete = false;
	EXPECT_NE(grid_ktap(grid).find("\n  not ok 2 kmalloc_burst # ERROR not run"), std::string::npos);
}

TEST(GridLava, NamesEachCellByKernelAndScenario)
{
	std::string lines = grid_lava(two_cell_grid());
	EXPECT_NE(lines.find("lava-test-case host-6_18_44.pcpu_bounce.drains_on_CPU_1 --result pass"), std::string::npos) << lines;
	EXPECT_NE(lines.find("lava-test-case host-6_18_44.kmalloc_burst --result skip"), std::string::npos) << lines;
}

TEST(GridKcidb, OneBuildPerKernelAndEveryCellsTestsUnderIt)
{
	RenderContext context;
	nlohmann::json document = nlohmann::json::parse(grid_kcidb(two_cell_grid(), context));
	ASSERT_EQ(document["builds"].size(), 1u);
	EXPECT_EQ(document["builds"][0]["id"], "kmemharness:box/2026-12-02T04:00:00Z/host-6.18.44");
	ASSERT_EQ(document["tests"].size(), 5u);
	for (const nlohmann::json &test : document["tests"])
		EXPECT_EQ(test["build_id"], document["builds"][0]["id"]);
	EXPECT_EQ(document["tests"][4]["path"], "kmemharness.kmalloc_burst");
	EXPECT_EQ(document["tests"][4]["output_files"][0]["url"], "file:///out/host-6.18.44/kmalloc_burst/result.json");
}

}  // namespace
}  // namespace kmh
