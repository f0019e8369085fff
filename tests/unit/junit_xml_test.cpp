// Tests of junit.xml: test cases, counts, failure and error elements and XML escaping.
#include "report/junit_xml.h"

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <gtest/gtest.h>

#include "report/output_writer.h"
#include "report/run_outputs.h"

namespace kmh {
namespace {

RunResult sample_result()
{
	RunResult result;
	result.status = "failed";
	result.complete = true;
	result.exit_code = ExitCode::assertion_failed;
	result.scenario.name = "pcp_refill_drain";
	result.system.hostname = "builder";
	result.system.kernel_release = "6.18.0";
	result.started_at = "2025-01-02T03:04:05Z";
	result.workloads = {
		{"fault", "fault_pages", 1, {0}, {}, "ok", "", 1.7, {}},
		{"unmap", "unmap_remote", 2, {1}, {}, "failed", "exit status 3 & core <dumped>", 0.25, {}},
	};
	result.metrics.add("pcp.refill.events", {{"cpu", "0"}, {"scope", "workload"}}, 525609);
	result.assertions = {
		{"refill_on_cpu0", "pcp.refill.events{cpu=0} >= 471859.2", "", 525609, 471859.2, ">= 471859.2", "",
		 Verdict::pass, {"pcp.toml", 20, 3}},
		{"drains <on> \"cpu\" 0 & 'more'", "pcp.drain.events{cpu=0} < 1", "drains belong to CPU 1", 3, 1, "< 1",
		 "summed 2 series", Verdict::fail, {"pcp.toml", 24, 3}},
		{"broken", "extfrag.events > 0", "", std::numeric_limits<double>::quiet_NaN(), 0, "> 0", "extfrag.events was not collected", Verdict::error,
		 {"pcp.toml", 28, 3}},
	};
	result.timings = {{"setup", 0.5}, {"workloads", 2.0}};
	return result;
}

bool contains(const std::string &text, const std::string &part)
{
	return text.find(part) != std::string::npos;
}

std::size_t occurrences(const std::string &text, const std::string &part)
{
	std::size_t count = 0;
	for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1))
		count++;
	return count;
}

TEST(JunitXml, SuiteCountsAndTime)
{
	std::string xml = junit_xml(sample_result());

	EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite ", 0), 0u);
	EXPECT_TRUE(contains(xml, "<testsuite name=\"kmemharness.pcp_refill_drain\" tests=\"4\" failures=\"1\" "
				  "errors=\"2\" skipped=\"0\" time=\"2.500\" timestamp=\"2025-01-02T03:04:05Z\" "
				  "hostname=\"builder\">"));
	EXPECT_EQ(occurrences(xml, "<testsuite "), 1u);
	EXPECT_EQ(occurrences(xml, "<testcase "), 4u);
	EXPECT_EQ(occurrences(xml, "<failure "), 1u);
	EXPECT_EQ(occurrences(xml, "</failure>"), 1u);
	EXPECT_EQ(occurrences(xml, "<error "), 2u);
	EXPECT_EQ(occurrences(xml, "</error>"), 2u);
	EXPECT_TRUE(contains(xml, "</testsuite>\n"));
}

TEST(JunitXml, PassingAssertionIsAnEmptyTestCase)
{
	std::string xml = junit_xml(sample_result());

	EXPECT_TRUE(contains(xml, "<testcase classname=\"kmemharness.pcp_refill_drain\" name=\"refill_on_cpu0\"/>"));
	EXPECT_TRUE(contains(xml, "<property name=\"kernel_release\" value=\"6.18.0\"/>"));
}

TEST(JunitXml, FailureCarriesMessageAndDetail)
{
	std::string xml = junit_xml(sample_result());

	EXPECT_TRUE(contains(xml, "<failure message=\"drains belong to CPU 1 (observed 3, expected &lt; 1)\" "
				  "type=\"failure\">"));
	EXPECT_TRUE(contains(xml, "detail: summed 2 series\n"));
	EXPECT_TRUE(contains(xml, "at: pcp.toml:24:3\n"));
	EXPECT_TRUE(contains(xml, "<error message=\"could not be evaluated: extfrag.events was not collected\" "
				  "type=\"error\">expr: extfrag.events &gt; 0\nexpected: &gt; 0\n"));
}

TEST(JunitXml, EscapesTheFiveSpecialCharacters)
{
	std::string xml = junit_xml(sample_result());

	EXPECT_TRUE(contains(xml, "name=\"drains &lt;on&gt; &quot;cpu&quot; 0 &amp; &apos;more&apos;\""));
	EXPECT_FALSE(contains(xml, "<on>"));
	EXPECT_FALSE(contains(xml, "\"cpu\""));
	EXPECT_TRUE(contains(xml, "exit status 3 &amp; core &lt;dumped&gt;"));
}

TEST(JunitXml, ReplacesControlCharacters)
{
	RunResult result = sample_result();
	result.assertions[1].detail = std::string("bell\x07here");

	std::string xml = junit_xml(result);

	EXPECT_FALSE(contains(xml, "\x07"));
	EXPECT_TRUE(contains(xml, "bell\xEF\xBF\xBDhere"));
}

TEST(JunitXml, FailedWorkloadIsAnError)
{
	std::string xml = junit_xml(sample_result());

	EXPECT_TRUE(contains(xml, "name=\"workload unmap\" time=\"0.250\">\n    <error message=\"workload unmap "
				  "(unmap_remote) failed: exit status 3 &amp; core &lt;dumped&gt;\" type=\"error\">"));
	EXPECT_FALSE(contains(xml, "name=\"workload fault\""));
}

TEST(JunitXml, IncompleteRunIsAnError)
{
	RunResult result = sample_result();
	result.complete = false;
	result.status = "run_failed";
	result.assertions.clear();
	result.errors = {"collector pcp could not attach: tp_btf/mm_page_pcpu_drain: -EINVAL"};

	std::string xml = junit_xml(result);

	EXPECT_TRUE(contains(xml, "tests=\"2\" failures=\"0\" errors=\"2\""));
	EXPECT_TRUE(contains(xml, "name=\"run completed\">\n    <error message=\"run run_failed: collector pcp could "
				  "not attach: tp_btf/mm_page_pcpu_drain: -EINVAL\""));
}

TEST(JunitXml, TheResultFolderHoldsTheSameDocument)
{
	std::filesystem::path folder = std::filesystem::path(::testing::TempDir()) / "kmh_junit_xml_test";
	std::filesystem::remove_all(folder);

	write_output_folder(run_output_formats(), sample_result(), folder.string());

	std::ifstream in(folder / "junit.xml");
	std::stringstream text;
	text << in.rdbuf();
	EXPECT_EQ(text.str(), junit_xml(sample_result()));
	std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace kmh
