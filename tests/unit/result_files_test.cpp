// Tests that a run's result files are one transaction: all of them, or a result.json that says the run failed.
#include <algorithm>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "report/output_writer.h"
#include "report/result_files.h"
#include "report/run_outputs.h"
#include "scratch_tree.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

class ResultFiles : public ScratchTree {
protected:
	ResultFiles() : ScratchTree("kmh_result_files") {}

	static RunResult passed_result()
	{
		RunResult result;
		result.tool_version = KMH_VERSION;
		result.status = "passed";
		result.complete = true;
		result.exit_code = ExitCode::passed;
		result.scenario.name = "passing";
		return result;
	}
	nlohmann::json result_json() const { return nlohmann::json::parse(std::ifstream(path("out/result.json"))); }
};

TEST_F(ResultFiles, WritesBothAndLeavesNoTemporaryFile)
{
	write_result_files(passed_result(), path("out"));
	EXPECT_EQ(result_json().at("status"), "passed");
	EXPECT_TRUE(fs::exists(path("out/junit.xml")));
	std::vector<std::string> names = output_file_names(run_output_formats());  // result.json, junit.xml, kcidb.json, report.html
	for (const fs::directory_entry &entry : fs::directory_iterator(path("out")))
		EXPECT_NE(std::find(names.begin(), names.end(), entry.path().filename().string()), names.end())
			<< entry.path() << " left behind";
}

// junit.xml cannot take its place (a folder with a file in it is there): the passed verdict must
// not stand beside a missing junit.xml.
TEST_F(ResultFiles, FailedJunitWriteLeavesAResultJsonThatSaysRunFailed)
{
	write("out/junit.xml/keep", "x");
	try {
		write_result_files(passed_result(), path("out"));
		FAIL() << "write_result_files did not report the failed junit.xml";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::run_failed);
		EXPECT_NE(std::string(error.what()).find("junit.xml"), std::string::npos) << error.what();
	}
	nlohmann::json result = result_json();
	EXPECT_EQ(result.at("status"), "run_failed");
	EXPECT_EQ(result.at("complete"), false);
	EXPECT_EQ(result.at("exit_code"), 4);
	EXPECT_NE(result.at("errors").dump().find("could not be written"), std::string::npos) << result.at("errors");
	EXPECT_FALSE(fs::exists(path("out/result.json.staged")));
	EXPECT_FALSE(fs::exists(path("out/junit.xml.staged")));
}

// An earlier run's passing result.json in the same folder must not survive a failed write.
TEST_F(ResultFiles, FailedWriteReplacesAnEarlierPassedResult)
{
	write_result_files(passed_result(), path("out"));
	fs::remove(path("out/junit.xml"));
	write("out/junit.xml/keep", "x");
	EXPECT_THROW(write_result_files(passed_result(), path("out")), Error);
	EXPECT_EQ(result_json().at("complete"), false);
}

}  // namespace
}  // namespace kmh
