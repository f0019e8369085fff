// `kmemharness compare --html` on synthetic result.json sets, rendered by headless Chromium.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "headless_chromium.h"
#include "kmemharness_run.h"
#include "program_gap.h"
#include "scratch_dir.h"
#include "suite_run.h"

namespace kmh::integration {
namespace {

namespace fs = std::filesystem;

constexpr int runs_per_side = 3;

nlohmann::json metric(const std::string &name, nlohmann::json labels, double value)
{
	return {{"name", name}, {"labels", std::move(labels)}, {"value", value}};
}

// Rows that differ alike in every run (deterministic changes, decided without a test), one per
// report section: kmalloc events of the workload (+20%), of the system (+5%), a call site
// (+50%), MemTotal before the workloads (the idle state), and a slab cache only B has.
void add_sectioned_metrics(nlohmann::json &metrics, bool candidate)
{
	metrics.push_back(metric("slab.kmalloc.events", {{"scope", "workload"}}, candidate ? 1200 : 1000));
	metrics.push_back(metric("slab.kmalloc.events", {{"scope", "system"}}, candidate ? 2100 : 2000));
	metrics.push_back(metric("slab.callsite.events", {{"callsite", "alloc_pipe_info"}, {"scope", "workload"}}, candidate ? 150 : 100));
	metrics.push_back(metric("meminfo.MemTotal.before", nlohmann::json::object(), candidate ? 2100000 : 2040000));
	if (candidate)
		metrics.push_back(metric("slabinfo.active_objs.before", {{"cache", "only_on_b"}}, 64));
}

// One run: refills on CPU 0, drains on CPU 1, order-0 and order-3 allocations, pagetypeinfo.
nlohmann::json result_document(const std::string &kernel, double drains, int run)
{
	nlohmann::json metrics = nlohmann::json::array();
	for (const char *cpu : {"0", "1"}) {
		bool home = std::string(cpu) == "0";
		nlohmann::json labels = {{"cpu", cpu}, {"order", "0"}, {"migratetype", "MOVABLE"}, {"scope", "workload"}};
		metrics.push_back(metric("pcp.refill.events", labels, home ? 1000 + run : 10));
		metrics.push_back(metric("pcp.drain.events", labels, home ? 5 : drains + run));
		metrics.push_back(metric("page.alloc.events", labels, 500 + run));
	}
	metrics.push_back(metric("page.alloc.events",
				 {{"cpu", "0"}, {"order", "3"}, {"migratetype", "UNMOVABLE"}, {"scope", "workload"}}, 7));
	for (const char *when : {"before", "after"})
		metrics.push_back(metric(std::string("pagetypeinfo.free.") + when,
					 {{"node", "0"}, {"zone", "Normal"}, {"order", "2"}, {"migratetype", "MOVABLE"}},
					 std::string(when) == "before" ? 300 : 250 + run));
	add_sectioned_metrics(metrics, kernel == "6.18.0");
	return {{"schema_version", 1},
		{"tool", {{"name", "kmemharness"}, {"version", "0.1.0"}}},
		{"status", "passed"},
		{"complete", true},
		{"exit_code", 0},
		{"started_at", "2025-06-01T12:00:0" + std::to_string(run) + "Z"},
		{"scenario", {{"name", "pcpu_bounce"}, {"text", "name = \"pcpu_bounce\"\n"}}},
		{"system", {{"kernel_release", kernel}, {"cpu_count", 2}}},
		{"metrics", metrics}};
}

void write_side(const ScratchDir &scratch, const std::string &side, const std::string &kernel, double drains)
{
	for (int run = 0; run < runs_per_side; run++) {
		fs::path dir = scratch.path() / side / ("run" + std::to_string(run));
		fs::create_directories(dir);
		std::ofstream(dir / "result.json") << result_document(kernel, drains, run).dump(2);
	}
}

class CompareHtml : public ::testing::Test {
protected:
	void SetUp() override
	{
		write_side(scratch_, "a", "6.1.0-56-amd64", 4000);
		write_side(scratch_, "b", "6.18.0", 6000);
		ProcessOutcome outcome = run_kmemharness(
			{"compare", scratch_ / "a", "--", scratch_ / "b", "--html", html_path(), "--gate",
			 "pcp.drain.events{scope=workload} rises by more than 5%"});
		ASSERT_EQ(outcome.exit_code, exit_status::assertion_failed) << describe(outcome);
		ASSERT_NE(outcome.out.find("pcp.drain.events{scope=workload}"), std::string::npos) << describe(outcome);
	}

	std::string html_path() const { return scratch_ / "report.html"; }

	// The report as headless Chromium laid it out (its DOM after parsing), with a profile of its own.
	ProcessOutcome dumped_dom(const std::string &profile) const
	{
		std::vector<std::string> argv = chromium_command(scratch_ / profile);
		argv.insert(argv.end(), {"--dump-dom", "file://" + html_path()});
		return run_process(argv, std::chrono::seconds(90));
	}

	ScratchDir scratch_;
};

TEST_F(CompareHtml, ChromiumDrawsEveryView)
{
	KMH_SKIP_OR_FAIL_IF(program_gap("chromium"));
	ProcessOutcome outcome = dumped_dom("profile-dom");
	ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
	const std::string &dom = outcome.out;

	std::size_t strips = occurrences(dom, "<svg class=\"strip\"");
	ASSERT_GE(strips, 1u) << dom.substr(0, 2000);
	EXPECT_EQ(occurrences(dom, "class=\"dot dot-a\""), runs_per_side * strips);
	EXPECT_EQ(occurrences(dom, "class=\"dot dot-b\""), runs_per_side * strips);
	EXPECT_EQ(occurrences(dom, "data-metric=\"pcp.drain.events{scope=workload}\""), 1u);

	EXPECT_EQ(occurrences(dom, "<svg class=\"bars\""), 2u);  // refills and drains
	for (const char *bar : {"class=\"bar bar-a\" data-group=\"cpu 0\"", "class=\"bar bar-b\" data-group=\"cpu 0\"",
				"class=\"bar bar-a\" data-group=\"cpu 1\"", "class=\"bar bar-b\" data-group=\"cpu 1\""})
		EXPECT_EQ(occurrences(dom, bar), 2u) << bar;

	EXPECT_EQ(occurrences(dom, "class=\"heat heat-a\""), 3u);  // page.alloc, pagetypeinfo before and after
	EXPECT_EQ(occurrences(dom, "class=\"heat heat-b\""), 3u);
	EXPECT_NE(dom.find("6.1.0-56-amd64"), std::string::npos);
	EXPECT_NE(dom.find(">FAIL<"), std::string::npos);
}

TEST_F(CompareHtml, OpensWithTheHeadlineAndAForestPlotThenRankedSections)
{
	KMH_SKIP_OR_FAIL_IF(program_gap("chromium"));
	ProcessOutcome outcome = dumped_dom("profile-forest");
	ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
	const std::string &dom = outcome.out;
	std::size_t headline = dom.find("id=\"headline\"");
	std::size_t forest = dom.find("<svg class=\"forest\"");
	std::size_t tables = dom.find("class=\"metrics\"");
	ASSERT_NE(headline, std::string::npos) << dom.substr(0, 3000);
	ASSERT_NE(forest, std::string::npos) << dom.substr(0, 3000);
	EXPECT_LT(headline, forest);
	EXPECT_LT(forest, tables);
	EXPECT_LT(forest, dom.find("<svg class=\"strip\""));
	EXPECT_NE(dom.find("first: <code>slab.kmalloc.events{scope=workload}</code> +20.00%*"), std::string::npos)
		<< dom.substr(headline, 600);
	// The decided changes outside the idle state and one side only: the workload's, the system's,
	// the call site's; each once on the forest's common axis, in report order.
	for (const char *row : {"slab.kmalloc.events{scope=workload}", "slab.kmalloc.events{scope=system}",
				"slab.callsite.events{callsite=alloc_pipe_info, scope=workload}"})
		EXPECT_EQ(occurrences(dom, std::string("data-forest-metric=\"") + row + "\""), 1u) << row;
	EXPECT_EQ(occurrences(dom, "class=\"forest-row "), 3u);
	EXPECT_EQ(occurrences(dom, "data-forest-metric=\"meminfo.MemTotal.before\""), 0u);
	std::vector<std::size_t> sections;
	for (const char *section : {"workload_kmem", "system", "call_sites", "idle_state", "one_side"}) {
		sections.push_back(dom.find(std::string("data-section=\"") + section + "\""));
		ASSERT_NE(sections.back(), std::string::npos) << section;
	}
	EXPECT_TRUE(std::is_sorted(sections.begin(), sections.end()));
	EXPECT_LT(dom.find("meminfo.MemTotal.before"), dom.find("slabinfo.active_objs.before{cache=only_on_b}"));
}

TEST_F(CompareHtml, ChromiumScreenshotIsAnImage)
{
	KMH_SKIP_OR_FAIL_IF(program_gap("chromium"));
	std::string shot = scratch_ / "report.png";
	std::vector<std::string> argv = chromium_command(scratch_ / "profile-shot");
	argv.insert(argv.end(), {"--window-size=1200,1600", "--screenshot=" + shot, "file://" + html_path()});
	ProcessOutcome outcome = run_process(argv, std::chrono::seconds(90));
	ASSERT_EQ(outcome.exit_code, 0) << outcome.err;
	ASSERT_TRUE(fs::exists(shot)) << outcome.err;
	EXPECT_GT(fs::file_size(shot), 10000u);
	std::ifstream png(shot, std::ios::binary);
	std::string magic(8, '\0');
	png.read(magic.data(), 8);
	EXPECT_EQ(magic, std::string("\x89PNG\r\n\x1a\n", 8));
}

}  // namespace
}  // namespace kmh::integration
