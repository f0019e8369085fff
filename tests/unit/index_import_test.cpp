// Tests `index add`: importing result files and folders once, skipping corrupt and foreign files, keeping what is indexed.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "index/index_import.h"
#include "report/result_json.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

class IndexImport : public ::testing::Test {
protected:
	void SetUp() override
	{
		root_ = fs::temp_directory_path() / ("kmh-import-" + std::to_string(::getpid()) + "-" +
						     ::testing::UnitTest::GetInstance()->current_test_info()->name());
		fs::remove_all(root_);
		fs::create_directories(root_);
	}
	void TearDown() override { fs::remove_all(root_); }

	// A result.json of `scenario` on `kernel`, run on `machine`, at `relative` below the root.
	std::string write_run(const std::string &relative, const std::string &machine, const std::string &kernel,
			      const std::string &started, const std::string &scenario = "pcpu_bounce")
	{
		RunResult result;
		result.tool_version = "0.1.0";
		result.status = "passed";
		result.complete = true;
		result.exit_code = ExitCode::passed;
		result.scenario.name = scenario;
		result.system.kernel_release = kernel;
		result.system.hostname = machine;
		result.started_at = started;
		result.metrics.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "workload"}}, 100);
		return write_text(relative, result_json_text(result));
	}

	std::string write_text(const std::string &relative, const std::string &text)
	{
		fs::path path = root_ / relative;
		fs::create_directories(path.parent_path());
		std::ofstream(path) << text;
		return path.string();
	}

	std::string index() const { return (root_ / "index.sqlite").string(); }

	fs::path root_;
};

TEST_F(IndexImport, FoldersAreWalkedAndARunImportedTwiceCountsOnce)
{
	write_run("matrix/6.1/pcpu_bounce/result.json", "lab-a", "6.1.0-57-amd64", "2026-12-01T10:00:00Z");
	write_run("matrix/6.12/pcpu_bounce/result.json", "lab-a", "6.12.117+deb12-amd64", "2026-12-01T10:01:00Z");
	ImportReport first = import_results({(root_ / "matrix").string()}, index());
	EXPECT_EQ(first.added.size(), 2u);
	EXPECT_TRUE(first.skipped.empty());

	ImportReport again = import_results({(root_ / "matrix").string()}, index());
	EXPECT_TRUE(again.added.empty());
	EXPECT_EQ(again.already_indexed.size(), 2u);

	fs::copy(root_ / "matrix", root_ / "copy", fs::copy_options::recursive);
	ImportReport copied = import_results({(root_ / "copy").string()}, index());
	EXPECT_TRUE(copied.added.empty());
	ASSERT_EQ(copied.already_indexed.size(), 2u);
	EXPECT_EQ(copied.already_indexed[0].second, first.added[0].path);
	EXPECT_NE(import_report_text(copied).find("the same run as " + first.added[0].path), std::string::npos);

	EXPECT_EQ(find_indexed_entries({"pcpu_bounce", "", "", ""}, index()).size(), 2u);
}

TEST_F(IndexImport, RecordsMachineKernelScenarioAndTime)
{
	std::string path = write_run("a/result.json", "lab-b", "6.18.0", "2026-12-02T07:00:00Z", "kmalloc_burst");
	import_results({path}, index());
	std::vector<IndexEntry> found = find_indexed_entries({"kmalloc_burst", "", "", "lab-b"}, index());
	ASSERT_EQ(found.size(), 1u);
	EXPECT_EQ(found[0].path, path);
	EXPECT_EQ(found[0].machine, "lab-b");
	EXPECT_EQ(found[0].kernel_release, "6.18.0");
	EXPECT_EQ(found[0].started_at, "2026-12-02T07:00:00Z");
	EXPECT_EQ(found[0].digest.size(), 64u);
	EXPECT_TRUE(find_indexed_entries({"kmalloc_burst", "", "", "lab-a"}, index()).empty());
}

TEST_F(IndexImport, VmRunsAreTheMachineThatRanQemu)
{
	RunResult result;
	result.system.hostname = "(none)";
	result.vm = VmInfo{};
	result.vm->host = "lab-c";
	EXPECT_EQ(result_machine(result), "lab-c");
	result.vm->host.clear();  // written before vm.host existed
	EXPECT_EQ(result_machine(result), "(none)");
}

TEST_F(IndexImport, CorruptAndForeignFilesAreReportedAndSkipped)
{
	write_run("runs/good/result.json", "lab-a", "6.1.0-57-amd64", "2026-12-01T10:00:00Z");
	std::string truncated = write_text("runs/truncated/result.json", "{\"schema_version\": 1, \"tool\": {");
	std::string foreign = write_text("runs/foreign/result.json", "{\"name\": \"some other tool\", \"results\": []}");
	std::string newer = write_text("runs/newer/result.json",
				       "{\"schema_version\": 99, \"tool\": {\"name\": \"kmemharness\", \"version\": \"9\"}}");
	std::string missing = (root_ / "nowhere").string();
	ImportReport report = import_results({(root_ / "runs").string(), missing}, index());
	EXPECT_EQ(report.added.size(), 1u);
	ASSERT_EQ(report.skipped.size(), 4u);
	std::string text = import_report_text(report);
	for (const std::string &path : {truncated, foreign, newer, missing})
		EXPECT_NE(text.find("skipped  " + path), std::string::npos) << path << "\n" << text;
	EXPECT_NE(text.find(truncated + " is not JSON"), std::string::npos) << text;
	EXPECT_NE(text.find("schema_version"), std::string::npos) << text;
	EXPECT_NE(text.find("no such file or folder"), std::string::npos) << text;
	EXPECT_NE(text.find("1 added, 0 indexed already, 4 skipped"), std::string::npos) << text;
}

TEST_F(IndexImport, AnIndexThatIsNotADatabaseIsLeftAsItWas)
{
	std::string path = write_run("a/result.json", "lab-a", "6.1.0-57-amd64", "2026-12-01T10:00:00Z");
	write_text("index.sqlite", "not an SQLite database, but someone's notes\n");
	try {
		import_results({path}, index());
		FAIL() << "a file that is not a database was written to";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::run_failed);
		EXPECT_NE(std::string(error.what()).find(index()), std::string::npos) << error.what();
	}
	std::ifstream in(index());
	std::string first_line;
	std::getline(in, first_line);
	EXPECT_EQ(first_line, "not an SQLite database, but someone's notes");
}

TEST_F(IndexImport, ABatchThatFailsMidwayAddsNothingAndKeepsEveryRunIndexedBefore)
{
	std::string kept = write_run("a/result.json", "lab-a", "6.1.0-57-amd64", "2026-12-01T10:00:00Z");
	import_results({kept}, index());
	// SQLite refuses the second run of the next batch, after the first was inserted.
	sqlite3 *db = nullptr;
	ASSERT_EQ(sqlite3_open(index().c_str(), &db), SQLITE_OK);
	ASSERT_EQ(sqlite3_exec(db,
			       "CREATE TRIGGER refuse BEFORE INSERT ON runs WHEN NEW.kernel_release = 'refused'"
			       " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
			       nullptr, nullptr, nullptr),
		  SQLITE_OK);
	sqlite3_close(db);
	write_run("batch/1/result.json", "lab-a", "6.1.0-57-amd64", "2026-12-01T11:00:00Z");
	write_run("batch/2/result.json", "lab-a", "refused", "2026-12-01T12:00:00Z");
	try {
		import_results({(root_ / "batch").string()}, index());
		FAIL() << "the refused insert went unnoticed";
	} catch (const Error &error) {
		EXPECT_NE(std::string(error.what()).find("refused by the test"), std::string::npos) << error.what();
	}
	std::vector<IndexEntry> found = find_indexed_entries({"pcpu_bounce", "", "", ""}, index());
	ASSERT_EQ(found.size(), 1u);
	EXPECT_EQ(found[0].path, kept);
}

TEST_F(IndexImport, AnIndexWrittenBeforeMachinesGainsTheColumnsAndKeepsItsRuns)
{
	sqlite3 *db = nullptr;
	ASSERT_EQ(sqlite3_open(index().c_str(), &db), SQLITE_OK);
	ASSERT_EQ(sqlite3_exec(db,
			       "CREATE TABLE runs (path TEXT PRIMARY KEY, scenario TEXT NOT NULL, kernel_release TEXT NOT NULL,"
			       " started_at TEXT NOT NULL, status TEXT NOT NULL);"
			       "INSERT INTO runs VALUES ('/old/result.json', 'pcpu_bounce', '6.1.0', '2025-06-01T10:00:00Z', 'passed')",
			       nullptr, nullptr, nullptr),
		  SQLITE_OK);
	sqlite3_close(db);
	import_results({write_run("new/result.json", "lab-a", "6.1.0", "2026-12-01T10:00:00Z")}, index());
	std::vector<IndexEntry> found = find_indexed_entries({"pcpu_bounce", "6.1.0", "", ""}, index());
	ASSERT_EQ(found.size(), 2u);
	EXPECT_EQ(found[0].path, "/old/result.json");
	EXPECT_EQ(found[0].machine, "");
	EXPECT_EQ(found[1].machine, "lab-a");
}

}  // namespace
}  // namespace kmh
