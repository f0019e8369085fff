// Tests loading result files (files, folders, mixed scenarios) and the series/total rows compared.
#include <filesystem>

#include <gtest/gtest.h>

#include "common/error.h"
#include "compare/metric_comparison.h"
#include "compare/run_set.h"
#include "report/result_json.h"
#include "system/file_io.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

class CompareLoading : public ::testing::Test {
protected:
	void SetUp() override
	{
		dir_ = fs::temp_directory_path() / fs::path("kmh-compare-" + std::to_string(::getpid()) + "-" +
							   ::testing::UnitTest::GetInstance()->current_test_info()->name());
		fs::remove_all(dir_);
	}
	void TearDown() override { fs::remove_all(dir_); }

	std::string write_run(const std::string &relative, const std::string &scenario, const std::string &kernel)
	{
		RunResult result;
		result.status = "passed";
		result.scenario.name = scenario;
		result.system.kernel_release = kernel;
		result.metrics.add("pcp.drain.events", {{"cpu", "0"}, {"scope", "workload"}}, 10);
		fs::path path = dir_ / relative;
		fs::create_directories(path.parent_path());
		write_file_atomically(path.string(), result_json_text(result));
		return path.string();
	}

	fs::path dir_;
};

TEST_F(CompareLoading, FolderMeansEveryResultBelowIt)
{
	write_run("a/r1/result.json", "bounce", "6.1.0");
	write_run("a/deep/r2/result.json", "bounce", "6.1.1");
	write_run("a/r3/other.json", "bounce", "6.1.0");
	RunSet set = load_run_set("baseline", {(dir_ / "a").string()});
	ASSERT_EQ(set.runs.size(), 2u);
	EXPECT_EQ(set.kernels(), (std::vector<std::string>{"6.1.1", "6.1.0"}));
}

TEST_F(CompareLoading, MissingPathsAndEmptyFoldersAreInvalidInput)
{
	fs::create_directories(dir_ / "empty");
	try {
		load_run_set("baseline", {(dir_ / "empty").string()});
		FAIL() << "an empty folder was accepted";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		EXPECT_NE(std::string(error.what()).find("no result.json"), std::string::npos);
	}
	EXPECT_THROW(load_run_set("baseline", {(dir_ / "nothing").string()}), Error);
}

TEST_F(CompareLoading, MixedScenariosAreRefusedNamingTheFiles)
{
	RunSet a = load_run_set("baseline", {write_run("a/result.json", "bounce", "6.1.0")});
	RunSet b = load_run_set("candidate", {write_run("b/result.json", "frag", "6.18.0")});
	try {
		require_one_scenario(a, b);
		FAIL() << "mixed scenarios were accepted";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		std::string message = error.what();
		EXPECT_NE(message.find("bounce: baseline"), std::string::npos) << message;
		EXPECT_NE(message.find("frag: candidate"), std::string::npos) << message;
	}
}

RunSet synthetic_set(const std::string &label, const std::vector<std::vector<Metric>> &runs)
{
	RunSet set{label, {}};
	for (const std::vector<Metric> &metrics : runs) {
		LoadedRun run;
		run.result.metrics.add_all(metrics);
		set.runs.push_back(run);
	}
	return set;
}

const MetricComparison *find_row(const std::vector<MetricComparison> &rows, const std::string &selector, SeriesKind kind)
{
	for (const MetricComparison &row : rows)
		if (row.selector() == selector && row.kind == kind)
			return &row;
	return nullptr;
}

TEST(CompareMetrics, SeriesMissingFromARunCountZeroAndTotalsSumPerScope)
{
	Labels cpu0 = {{"cpu", "0"}, {"scope", "workload"}};
	Labels cpu1 = {{"cpu", "1"}, {"scope", "workload"}};
	RunSet a = synthetic_set("baseline", {{{"pcp.drain.events", cpu0, 4}, {"pcp.drain.events", cpu1, 6}},
					      {{"pcp.drain.events", cpu0, 5}}});
	RunSet b = synthetic_set("candidate", {{{"pcp.drain.events", cpu0, 4}, {"pcp.drain.events", cpu0, 3},
						{"workload.w.ops", {}, 9}}});
	std::vector<MetricComparison> rows = compare_metrics(a, b);

	const MetricComparison *series1 = find_row(rows, "pcp.drain.events{cpu=1, scope=workload}", SeriesKind::series);
	ASSERT_NE(series1, nullptr);
	EXPECT_EQ(series1->stats.baseline, (std::vector<double>{6, 0}));
	EXPECT_EQ(series1->stats.candidate, (std::vector<double>{0}));
	const MetricComparison *series0 = find_row(rows, "pcp.drain.events{cpu=0, scope=workload}", SeriesKind::series);
	ASSERT_NE(series0, nullptr);
	EXPECT_EQ(series0->stats.candidate, (std::vector<double>{7}));  // equal label sets summed

	const MetricComparison *total = find_row(rows, "pcp.drain.events{scope=workload}", SeriesKind::total);
	ASSERT_NE(total, nullptr);
	EXPECT_EQ(total->stats.baseline, (std::vector<double>{10, 5}));
	EXPECT_EQ(total->stats.candidate, (std::vector<double>{7}));
	// A name with one series gets no separate total.
	EXPECT_EQ(find_row(rows, "workload.w.ops", SeriesKind::total), nullptr);
	ASSERT_NE(find_row(rows, "workload.w.ops", SeriesKind::series), nullptr);
	EXPECT_EQ(find_row(rows, "workload.w.ops", SeriesKind::series)->stats.baseline, (std::vector<double>{0, 0}));
}

TEST(CompareMetrics, PerRunSumsPickLabelSubsets)
{
	RunSet a = synthetic_set("baseline", {{{"pcp.refill.events", {{"cpu", "0"}, {"order", "0"}, {"scope", "workload"}}, 2},
					       {"pcp.refill.events", {{"cpu", "0"}, {"order", "3"}, {"scope", "workload"}}, 5},
					       {"pcp.refill.events", {{"cpu", "1"}, {"order", "0"}, {"scope", "workload"}}, 7}}});
	EXPECT_EQ(per_run_sums(a, "pcp.refill.events", {{"cpu", "0"}, {"scope", "workload"}}), (std::vector<double>{7}));
	EXPECT_EQ(per_run_sums(a, "pcp.refill.events", {{"scope", "system"}}), (std::vector<double>{0}));
}

}  // namespace
}  // namespace kmh
