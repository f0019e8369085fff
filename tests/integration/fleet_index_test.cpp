// A fleet's results in one index: a real pcpu_bounce run and a copy of it from a second machine, imported, shown by history, picked by compare.
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "suite_run.h"

namespace kmh::integration {
namespace {

namespace fs = std::filesystem;

const char *const drains = "pcp.drain.events{scope=workload}";

std::string regex_quoted(const std::string &text)
{
	return std::regex_replace(text, std::regex(R"([.+*?^$()\[\]{}|\\-])"), R"(\$&)");
}

// The folder copied back from "lab-b": the same run, renamed as if lab-b had made it.
void copy_as_machine(const fs::path &from, const fs::path &to, const std::string &machine)
{
	fs::copy(from, to, fs::copy_options::recursive);
	nlohmann::json result = ResultFile(to / "pcpu_bounce/result.json").json();
	result["system"]["hostname"] = machine;
	std::ofstream(to / "pcpu_bounce/result.json") << result.dump(2);
}

class FleetIndex : public ::testing::Test {
protected:
	static void SetUpTestSuite() { run_ = std::make_unique<SuiteRun>("pcpu_bounce.toml", "lab-a/pcpu_bounce"); }
	static void TearDownTestSuite() { run_.reset(); }

	void SetUp() override
	{
		KMH_SKIP_OR_FAIL_IF(environment_gap(run_->outcome));
		ASSERT_LE(run_->outcome.exit_code, exit_status::assertion_failed) << describe(run_->outcome);
		if (!fs::exists(scratch() / "lab-b"))
			copy_as_machine(scratch() / "lab-a", scratch() / "lab-b", "lab-b");
	}

	static const ScratchDir &scratch() { return run_->scratch; }
	static std::string index() { return scratch() / "fleet.sqlite"; }
	static std::string host_result() { return run_->output_dir + "/result.json"; }

	static std::unique_ptr<SuiteRun> run_;
};

std::unique_ptr<SuiteRun> FleetIndex::run_;

TEST_F(FleetIndex, TwoMachinesImportOnceAndShowInHistory)
{
	ProcessOutcome add = run_kmemharness({"index", "add", "--index", index(), scratch() / "lab-a", scratch() / "lab-b"});
	ASSERT_EQ(add.exit_code, exit_status::passed) << describe(add);
	EXPECT_NE(add.out.find("2 added, 0 indexed already, 0 skipped"), std::string::npos) << add.out;

	ProcessOutcome again = run_kmemharness({"index", "add", "--index", index(), scratch() / "lab-b", scratch() / "lab-a"});
	ASSERT_EQ(again.exit_code, exit_status::passed) << describe(again);
	EXPECT_NE(again.out.find("0 added, 2 indexed already, 0 skipped"), std::string::npos) << again.out;

	ResultFile result(host_result());
	std::string host = result.json()["system"]["hostname"];
	std::string kernel = result.json()["system"]["kernel_release"];
	double value = result.sum("pcp.drain.events", {{"scope", "workload"}});
	ASSERT_GT(value, 0);
	std::string html = scratch() / "history.html";
	ProcessOutcome history = run_kmemharness({"history", "pcpu_bounce", drains, "--index", index(), "--html", html});
	ASSERT_EQ(history.exit_code, exit_status::passed) << describe(history);
	// One row per run, each with its machine, the kernel and the value result.json holds.
	std::string value_text = fmt::format("{:.15g}", value);
	for (const std::string &machine : {host, std::string("lab-b")}) {
		std::regex row(" " + regex_quoted(machine) + " +" + regex_quoted(kernel) + " +\\w+ +" + value_text + "\n");
		EXPECT_TRUE(std::regex_search(history.out, row)) << machine << " " << value_text << "\n" << history.out;
	}
	EXPECT_NE(history.out.find("2 run(s) on 1 kernel(s)"), std::string::npos) << history.out;

	std::ifstream page(html);
	std::string text((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
	EXPECT_EQ(occurrences(text, "<circle class=\"point\""), 2u);
	EXPECT_EQ(occurrences(text, "data-machine=\"lab-b\""), 1u);
	EXPECT_EQ(occurrences(text, "data-machine=\"" + host + "\""), 1u);
	EXPECT_EQ(occurrences(text, "<polyline class=\"run-line\""), 2u);  // one line per kernel and machine
}

TEST_F(FleetIndex, HistoryOfOneMachineAndCompareAcrossMachines)
{
	ProcessOutcome add = run_kmemharness({"index", "add", "--index", index(), scratch() / "lab-a", scratch() / "lab-b"});
	ASSERT_EQ(add.exit_code, exit_status::passed) << describe(add);
	ProcessOutcome only_b =
		run_kmemharness({"history", "pcpu_bounce", drains, "--index", index(), "--machine", "lab-b"});
	ASSERT_EQ(only_b.exit_code, exit_status::passed) << describe(only_b);
	EXPECT_NE(only_b.out.find("1 run(s) on 1 kernel(s)"), std::string::npos) << only_b.out;

	std::string host = ResultFile(host_result()).json()["system"]["hostname"];
	ProcessOutcome compare = run_kmemharness({"compare", "--index", index(), "--scenario", "pcpu_bounce", "--baseline-machine",
						  host, "--candidate-machine", "lab-b", "--json", scratch() / "compare.json"});
	ASSERT_EQ(compare.exit_code, exit_status::passed) << describe(compare);
	nlohmann::json report = ResultFile(scratch() / "compare.json").json();
	ASSERT_EQ(report["baseline"]["files"].size(), 1u) << compare.out.substr(0, 2000);
	EXPECT_EQ(report["baseline"]["files"][0], fs::path(host_result()).lexically_normal().string());
	EXPECT_EQ(report["candidate"]["files"][0], fs::path(scratch() / "lab-b/pcpu_bounce/result.json").lexically_normal().string());

	ProcessOutcome nobody = run_kmemharness(
		{"compare", "--index", index(), "--scenario", "pcpu_bounce", "--machine", "lab-z", "--baseline-kernel", "x",
		 "--candidate-kernel", "x"});
	EXPECT_EQ(nobody.exit_code, exit_status::invalid_input) << describe(nobody);
	EXPECT_NE(nobody.err.find("on machine 'lab-z'"), std::string::npos) << nobody.err;
}

TEST_F(FleetIndex, ACorruptCopyIsReportedAndTheRestImported)
{
	fs::path broken = scratch() / "lab-c/pcpu_bounce";
	fs::create_directories(broken);
	std::ofstream(broken / "result.json") << "{\"schema_version\": 1, \"sta";  // cut short in transfer
	std::string db = scratch() / "mixed.sqlite";
	ProcessOutcome add = run_kmemharness({"index", "add", "--index", db, scratch() / "lab-a", scratch() / "lab-c"});
	EXPECT_EQ(add.exit_code, exit_status::invalid_input) << describe(add);
	EXPECT_NE(add.out.find("skipped  " + (broken / "result.json").string() + " is not JSON"), std::string::npos) << add.out;
	EXPECT_NE(add.out.find("1 added, 0 indexed already, 1 skipped"), std::string::npos) << add.out;
	ProcessOutcome history = run_kmemharness({"history", "pcpu_bounce", drains, "--index", db});
	EXPECT_EQ(history.exit_code, exit_status::passed) << describe(history);
}

}  // namespace
}  // namespace kmh::integration
