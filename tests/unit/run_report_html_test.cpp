// Tests report.html's sections on a made-up run: what is drawn from which series, and what is left out.
#include <gtest/gtest.h>

#include "report/run_report_data.h"
#include "report/run_report_html.h"

namespace kmh {
namespace {

std::size_t count(const std::string &text, const std::string &needle)
{
	std::size_t found = 0;
	for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
		found++;
	return found;
}

RunResult bounced_run()
{
	RunResult result;
	result.scenario.name = "pcpu_bounce";
	result.status = "failed";
	AssertionResult held;
	held.name = "refills";
	held.verdict = Verdict::pass;
	AssertionResult broke;
	broke.name = "drains <b>";
	broke.verdict = Verdict::fail;
	result.assertions = {held, broke};
	for (const char *cpu : {"0", "1", "10", "2"}) {
		result.metrics.add("pcp.refill.events", {{"cpu", cpu}, {"scope", "workload"}, {"order", "0"}}, 5);
		result.metrics.add("pcp.refill.events", {{"cpu", cpu}, {"scope", "system"}, {"order", "0"}}, 1000);
	}
	result.metrics.add("page.alloc.events", {{"order", "3"}, {"migratetype", "UNMOVABLE"}, {"scope", "workload"}}, 7);
	result.metrics.add("page.alloc.events", {{"order", "0"}, {"migratetype", "MOVABLE"}, {"scope", "workload"}}, 70);
	return result;
}

TEST(RunReportHtml, SumsPerCpuInNumericOrderOfTheWorkloadScope)
{
	std::vector<LabelledValue> values = sum_by_label(bounced_run().metrics, "pcp.refill.events", "cpu");
	ASSERT_EQ(values.size(), 4u);
	EXPECT_EQ(values[0].label, "0");
	EXPECT_EQ(values[2].label, "2");
	EXPECT_EQ(values[3].label, "10");
	EXPECT_EQ(values[3].value, 5);  // the system scope's 1000 left out
}

TEST(RunReportHtml, ChartsSideBySideHaveTheSameCpusWithAMissingOneAsZero)
{
	RunResult run = bounced_run();
	run.metrics.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "workload"}, {"order", "0"}}, 9);
	std::vector<std::vector<LabelledValue>> lists =
		sums_on_common_labels(run.metrics, {"pcp.refill.events", "pcp.drain.events"}, "cpu");
	ASSERT_EQ(lists.size(), 2u);
	ASSERT_EQ(lists[1].size(), 4u);
	EXPECT_EQ(lists[1][0].label, "0");
	EXPECT_EQ(lists[1][0].value, 0);
	EXPECT_EQ(lists[1][1].value, 9);
	EXPECT_EQ(lists[0][3].label, "10");
}

TEST(RunReportHtml, SectionsWithoutTheirMetricsSaySoAndCallSitesAreLeftOut)
{
	std::string page = run_report_html(bounced_run());
	EXPECT_EQ(count(page, "<tr class=\"assertion\">"), 2u);
	EXPECT_NE(page.find("drains &lt;b&gt;"), std::string::npos);
	EXPECT_NE(page.find("class=\"fail\">FAIL<"), std::string::npos);
	EXPECT_EQ(count(page, "<rect class=\"bar\" data-label=\"cpu "), 4u);
	EXPECT_EQ(count(page, "<svg class=\"heat\" data-metric=\"page.alloc.events\""), 1u);
	EXPECT_EQ(count(page, "<rect class=\"cell\""), 4u);  // orders 0 and 3 x UNMOVABLE and MOVABLE
	EXPECT_NE(page.find("/proc/pagetypeinfo was not read"), std::string::npos);
	EXPECT_NE(page.find("No slab size or latency histogram"), std::string::npos);
	EXPECT_EQ(page.find("Top call sites"), std::string::npos);
	EXPECT_EQ(page.find("<script"), std::string::npos);
	EXPECT_EQ(page.find("http://"), page.find("http://www.w3.org/2000/svg"));  // no resource fetched
}

TEST(RunReportHtml, TopCallSitesOfEachFamilyLargestFirst)
{
	RunResult result = bounced_run();
	for (std::size_t i = 0; i < report_callsite_limit + 5; i++) {
		std::string site = "site_" + std::to_string(i) + "+0x10";
		result.metrics.add("slab.callsite.events", {{"callsite", site}, {"cpu", "0"}}, static_cast<double>(i));
		result.metrics.add("slab.callsite.events", {{"callsite", site}, {"cpu", "1"}}, static_cast<double>(i));
	}
	result.metrics.add("slab.outstanding.objects", {{"callsite", "leaky+0x4"}}, 3);
	std::vector<CallsiteTable> tables = top_callsites(result.metrics, report_callsite_limit);
	ASSERT_EQ(tables.size(), 2u);
	EXPECT_EQ(tables[0].family, "slab.callsite.events");
	ASSERT_EQ(tables[0].top.size(), report_callsite_limit);
	EXPECT_EQ(tables[0].top[0].label, "site_14+0x10");
	EXPECT_EQ(tables[0].top[0].value, 28);  // both CPUs
	EXPECT_EQ(tables[1].top.size(), 1u);
	std::string page = run_report_html(result);
	EXPECT_NE(page.find("Top call sites"), std::string::npos);
	EXPECT_EQ(count(page, "<tr class=\"callsite\">"), report_callsite_limit + 1);
}

TEST(RunReportHtml, SlabHistogramsAreDrawnPerBucket)
{
	RunResult result = bounced_run();
	for (const char *le : {"64", "8", "+Inf", "1024"})
		result.metrics.add("slab.kmalloc.size.events", {{"le", le}, {"cpu", "0"}, {"scope", "workload"}}, 1);
	std::vector<LabelledValue> buckets = sum_by_label(result.metrics, "slab.kmalloc.size.events", "le");
	ASSERT_EQ(buckets.size(), 4u);
	EXPECT_EQ(buckets[0].label, "8");
	EXPECT_EQ(buckets[3].label, "+Inf");
	EXPECT_EQ(count(run_report_html(result), "<svg class=\"bars\" data-metric=\"slab.kmalloc.size.events\""), 1u);
}

}  // namespace
}  // namespace kmh
