// report.html of a real pcpu_bounce run: written beside result.json, drawn by headless Chromium, its numbers those of result.json.
#include <filesystem>
#include <fstream>
#include <memory>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "headless_chromium.h"
#include "kmemharness_run.h"
#include "program_gap.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "suite_run.h"

namespace kmh::integration {
namespace {

namespace fs = std::filesystem;

class RunReportHtml : public ::testing::Test {
protected:
	static void SetUpTestSuite() { run_ = std::make_unique<SuiteRun>("pcpu_bounce.toml", "out"); }
	static void TearDownTestSuite() { run_.reset(); }

	void SetUp() override
	{
		KMH_SKIP_OR_FAIL_IF(environment_gap(run_->outcome));
		ASSERT_LE(run_->outcome.exit_code, exit_status::assertion_failed) << describe(run_->outcome);
		ASSERT_TRUE(fs::exists(page())) << describe(run_->outcome);
	}

	static const ScratchDir &scratch() { return run_->scratch; }
	static std::string page() { return run_->output_dir + "/report.html"; }

	static std::unique_ptr<SuiteRun> run_;
};

std::unique_ptr<SuiteRun> RunReportHtml::run_;

TEST_F(RunReportHtml, ChromiumDrawsEverySectionWithTheRunsNumbers)
{
	KMH_SKIP_OR_FAIL_IF(program_gap("chromium"));
	std::vector<std::string> argv = chromium_command(scratch() / "profile-dom");
	argv.insert(argv.end(), {"--dump-dom", "file://" + page()});
	ProcessOutcome chromium = run_process(argv, std::chrono::seconds(90));
	ASSERT_EQ(chromium.exit_code, 0) << chromium.err;
	const std::string &dom = chromium.out;
	ResultFile result(scratch() / "out/result.json");

	const nlohmann::json &assertions = result.json()["assertions"];
	ASSERT_FALSE(assertions.empty());
	EXPECT_EQ(occurrences(dom, "<tr class=\"assertion\">"), assertions.size());
	EXPECT_EQ(occurrences(dom, ">PASS<") + occurrences(dom, ">FAIL<") + occurrences(dom, ">ERROR<"), assertions.size());

	for (const char *name : {"pcp.refill.events", "pcp.drain.events"}) {
		EXPECT_EQ(occurrences(dom, fmt::format("<svg class=\"bars\" data-metric=\"{}\"", name)), 1u) << name;
		for (const char *cpu : {"0", "1"}) {
			double sum = result.sum(name, {{"cpu", cpu}, {"scope", "workload"}});
			EXPECT_NE(dom.find(fmt::format("<title>cpu {}: {:.15g}</title>", cpu, sum)), std::string::npos)
				<< name << " cpu " << cpu << " " << sum;
		}
	}
	for (const char *name : {"page.alloc.events", "pagetypeinfo.free.before", "pagetypeinfo.free.after"})
		EXPECT_EQ(occurrences(dom, fmt::format("<svg class=\"heat\" data-metric=\"{}\"", name)), 1u) << name;
	EXPECT_GE(occurrences(dom, "<rect class=\"cell\" data-order=\"0\" data-migratetype=\"MOVABLE\""), 3u);
	bool callsites = result.json()["metrics"].dump().find("\"callsite\"") != std::string::npos;
	EXPECT_EQ(dom.find("Top call sites") != std::string::npos, callsites);
}

TEST_F(RunReportHtml, ChromiumScreenshotIsAPngOfTheWindowSize)
{
	KMH_SKIP_OR_FAIL_IF(program_gap("chromium"));
	std::string shot = scratch() / "report.png";
	std::vector<std::string> argv = chromium_command(scratch() / "profile-shot");
	argv.insert(argv.end(), {"--window-size=1280,2000", "--screenshot=" + shot, "file://" + page()});
	ProcessOutcome chromium = run_process(argv, std::chrono::seconds(90));
	ASSERT_EQ(chromium.exit_code, 0) << chromium.err;
	std::optional<std::pair<unsigned, unsigned>> size = png_size(shot);
	ASSERT_TRUE(size) << shot << " is not a PNG";
	EXPECT_EQ(size->first, 1280u);
	EXPECT_EQ(size->second, 2000u);
	EXPECT_GT(fs::file_size(shot), 20000u) << "a blank page compresses to almost nothing";
}

}  // namespace
}  // namespace kmh::integration
