// Tests the terminal, Markdown, JSON and HTML renderings of a comparison, and the `--` rewrite.
#include <gtest/gtest.h>

#include "compare/compare_cli.h"
#include "compare/compare_report.h"
#include "compare/html_report.h"
#include "compare/json_report.h"
#include "compare/markdown_report.h"
#include "compare/terminal_report.h"

namespace kmh {
namespace {

RunSet side(const std::string &label, const std::string &kernel, const std::vector<double> &drains)
{
	RunSet set{label, {}};
	for (double drain : drains) {
		LoadedRun run;
		run.path = label + "/result.json";
		run.result.scenario.name = "bounce";
		run.result.system.kernel_release = kernel;
		run.result.metrics.add("pcp.drain.events", {{"cpu", "0"}, {"order", "0"}, {"migratetype", "MOVABLE"}, {"scope", "workload"}}, drain);
		run.result.metrics.add("pcp.drain.events", {{"cpu", "1"}, {"order", "0"}, {"migratetype", "MOVABLE"}, {"scope", "workload"}}, 5);
		run.result.metrics.add("pcp.refill.events", {{"cpu", "0"}, {"order", "0"}, {"migratetype", "MOVABLE"}, {"scope", "workload"}}, 9);
		run.result.metrics.add("page.alloc.events", {{"cpu", "0"}, {"order", "2"}, {"migratetype", "UNMOVABLE"}, {"scope", "workload"}}, drain);
		run.result.metrics.add("pagetypeinfo.free.before", {{"node", "0"}, {"zone", "Normal"}, {"order", "3"}, {"migratetype", "MOVABLE"}}, 70);
		run.result.metrics.add("pagetypeinfo.free.after", {{"node", "0"}, {"zone", "Normal"}, {"order", "3"}, {"migratetype", "MOVABLE"}}, 60);
		set.runs.push_back(run);
	}
	return set;
}

CompareReport sample_report()
{
	std::vector<GateRule> rules = {parse_gate_rule("pcp.drain.events{scope=workload} rises by more than 5%", "--gate")};
	return build_compare_report(side("baseline", "6.1.0", {100, 102, 101, 99}), side("candidate", "6.18.0", {150, 152, 151, 149}),
				    rules);
}

TEST(CompareReports, TerminalTableMarksSignificantRegression)
{
	CompareReport report = sample_report();
	std::string text = terminal_report(report, Color::off);
	EXPECT_NE(text.find("4 run(s) on 6.1.0"), std::string::npos) << text;
	EXPECT_NE(text.find("4 run(s) on 6.18.0"), std::string::npos) << text;
	EXPECT_NE(text.find("pcp.drain.events{cpu=0, migratetype=MOVABLE, order=0, scope=workload}"), std::string::npos) << text;
	// 100.5 -> 150.5; every varying row is 4 against 4 apart: exact p = q = 2/70.
	EXPECT_NE(text.find("+49.75%*"), std::string::npos) << text;
	EXPECT_NE(text.find("+47.06% .. +52.53%  0.0286 (exact)"), std::string::npos) << text;
	EXPECT_NE(text.find("0.0286  regressed"), std::string::npos) << text;
	EXPECT_NE(text.find("Benjamini-Hochberg"), std::string::npos) << text;
	EXPECT_NE(text.find("FAIL  pcp.drain.events{scope=workload} rises by more than 5%"), std::string::npos) << text;
	EXPECT_EQ(text.find("\033["), std::string::npos);
	EXPECT_NE(terminal_report(report, Color::on).find("\033[31mregressed"), std::string::npos);
	EXPECT_TRUE(report.any_gate_failed());
}

TEST(CompareReports, MarkdownHasTableAndGates)
{
	std::string text = markdown_report(sample_report());
	EXPECT_NE(text.find("| metric | baseline mean | candidate mean | gain | interval | p | q | verdict |"), std::string::npos)
		<< text;
	EXPECT_NE(text.find("| 0.0286 (exact) | 0.0286 | **regressed** |"), std::string::npos) << text;
	EXPECT_NE(text.find("**regressed**"), std::string::npos) << text;
	EXPECT_NE(text.find("### Gates: FAILED"), std::string::npos) << text;
}

TEST(CompareReports, JsonCarriesEveryRowWithStatistics)
{
	nlohmann::json document = compare_report_json(sample_report());
	EXPECT_EQ(document["scenario"], "bounce");
	EXPECT_EQ(document["baseline"]["kernels"], nlohmann::json::array({"6.1.0"}));
	EXPECT_TRUE(document["gate_failed"].get<bool>());
	bool found_total = false;
	for (const nlohmann::json &row : document["metrics"]) {
		if (row["kind"] == "total" && row["name"] == "pcp.drain.events") {
			found_total = true;
			EXPECT_DOUBLE_EQ(row["baseline"]["mean"].get<double>(), 105.5);
			EXPECT_EQ(row["test"], "mann-whitney");
			EXPECT_TRUE(row["mann_whitney"]["exact"].get<bool>());
			EXPECT_NEAR(row["p_value"].get<double>(), 0.0285714, 1e-6);
			EXPECT_EQ(row["p_method"], "exact");
			EXPECT_NEAR(row["q_value"].get<double>(), 0.0285714, 1e-6);
			EXPECT_EQ(row["decision"], "changed");
			EXPECT_EQ(row["verdict"], "regressed");
			EXPECT_DOUBLE_EQ(row["min_effect_percent"].get<double>(), 1.0);
			EXPECT_GT(row["relative_change"]["interval"][0].get<double>(), 1.0);
		}
		if (row["name"] == "pcp.refill.events") {
			EXPECT_EQ(row["verdict"], "identical");
			EXPECT_EQ(row["decision"], "same");
			EXPECT_TRUE(row["q_value"].is_null());
		}
	}
	EXPECT_TRUE(found_total);
}

TEST(CompareReports, HtmlIsSelfContainedAndDrawsEachView)
{
	std::string html = html_report(sample_report());
	EXPECT_EQ(html.find("<script"), std::string::npos);
	EXPECT_EQ(html.find("http"), std::string::npos);
	EXPECT_NE(html.find("class=\"bar bar-a\" data-group=\"cpu 1\""), std::string::npos);
	EXPECT_NE(html.find("class=\"heat heat-b\""), std::string::npos);
	EXPECT_NE(html.find("B after"), std::string::npos);
	EXPECT_NE(html.find("data-metric=\"pcp.drain.events{scope=workload}\""), std::string::npos);
	EXPECT_NE(html.find("<td>0.0286 (exact)</td><td>0.0286</td><td class=\"regressed\">regressed</td>"), std::string::npos);
}

TEST(CompareCli, DoubleDashBecomesCandidateForCompareOnly)
{
	const char *compare_args[] = {"kmemharness", "compare", "a", "--", "b", "--html", "x"};
	EXPECT_EQ(arguments_for_parse(7, const_cast<char **>(compare_args)),
		  (std::vector<std::string>{"x", "--html", "b", "--candidate", "a", "compare"}));
	const char *run_args[] = {"kmemharness", "run", "--", "s.toml"};
	EXPECT_EQ(arguments_for_parse(4, const_cast<char **>(run_args)), (std::vector<std::string>{"s.toml", "--", "run"}));
}

TEST(CompareCli, ParsesBothSidesAndOptions)
{
	CLI::App app;
	CompareOptions options;
	add_compare_command(app, options);
	const char *args[] = {"kmemharness", "compare", "a1", "a2", "--", "b1", "--gate", "x rises by more than 1%",
			      "--json", "o.json", "--min-effect", "2%"};
	app.parse(arguments_for_parse(12, const_cast<char **>(args)));
	EXPECT_EQ(options.min_effect, "2%");
	EXPECT_EQ(options.baseline, (std::vector<std::string>{"a1", "a2"}));
	EXPECT_EQ(options.candidate, (std::vector<std::string>{"b1"}));
	EXPECT_EQ(options.gate_rules, (std::vector<std::string>{"x rises by more than 1%"}));
	EXPECT_EQ(options.report_files, (std::map<std::string, std::string>{{"json", "o.json"}}));
}

}  // namespace
}  // namespace kmh
