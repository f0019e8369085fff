// Tests the SQLite result index: recording runs and selecting them by scenario, kernel and date.
#include <filesystem>

#include <gtest/gtest.h>

#include "common/error.h"
#include "compare/result_index.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

RunResult run_of(const std::string &scenario, const std::string &kernel, const std::string &started)
{
	RunResult result;
	result.scenario.name = scenario;
	result.system.kernel_release = kernel;
	result.started_at = started;
	result.status = "passed";
	return result;
}

TEST(CompareResultIndex, SelectsByScenarioKernelAndDate)
{
	fs::path dir = fs::temp_directory_path() / ("kmh-index-" + std::to_string(::getpid()));
	fs::remove_all(dir);
	std::string index = (dir / "results" / "index.sqlite").string();
	index_result("/r/1/result.json", run_of("bounce", "6.1.0", "2025-06-01T10:00:00Z"), index);
	index_result("/r/2/result.json", run_of("bounce", "6.1.0", "2025-06-03T10:00:00Z"), index);
	index_result("/r/3/result.json", run_of("bounce", "6.18.0", "2025-06-02T10:00:00Z"), index);
	index_result("/r/4/result.json", run_of("frag", "6.1.0", "2025-06-02T10:00:00Z"), index);
	index_result("/r/2/result.json", run_of("bounce", "6.1.0", "2025-06-03T10:00:00Z"), index);  // again: no duplicate

	EXPECT_EQ(find_indexed_results({"bounce", "6.1.0", "", ""}, index),
		  (std::vector<std::string>{"/r/1/result.json", "/r/2/result.json"}));
	EXPECT_EQ(find_indexed_results({"bounce", "6.1.0", "2025-06-02", ""}, index), (std::vector<std::string>{"/r/2/result.json"}));
	EXPECT_EQ(find_indexed_results({"bounce", "6.18.0", "", ""}, index), (std::vector<std::string>{"/r/3/result.json"}));
	EXPECT_TRUE(find_indexed_results({"bounce", "5.10", "", ""}, index).empty());
	fs::remove_all(dir);
}

TEST(CompareResultIndex, RelativePathsAreStoredAbsolute)
{
	fs::path dir = fs::temp_directory_path() / ("kmh-index-rel-" + std::to_string(::getpid()));
	fs::remove_all(dir);
	std::string index = (dir / "index.sqlite").string();
	index_result("results/x/result.json", run_of("bounce", "6.1.0", "2025-06-01T10:00:00Z"), index);
	std::vector<std::string> found = find_indexed_results({"bounce", "6.1.0", "", ""}, index);
	ASSERT_EQ(found.size(), 1u);
	EXPECT_EQ(found[0], (fs::current_path() / "results/x/result.json").string());
	fs::remove_all(dir);
}

TEST(CompareResultIndex, MissingIndexIsInvalidInput)
{
	try {
		find_indexed_results({"bounce", "6.1.0", "", ""}, "/nonexistent/index.sqlite");
		FAIL() << "a missing index was accepted";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
	}
}

}  // namespace
}  // namespace kmh
