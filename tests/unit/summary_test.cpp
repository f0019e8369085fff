// Tests of the terminal summary: header, workloads, per-CPU key counts, verdict lines and colour.
#include "report/summary.h"

#include <limits>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

namespace kmh {
namespace {

RunResult sample_result()
{
	RunResult result;
	result.status = "failed";
	result.complete = true;
	result.exit_code = ExitCode::assertion_failed;
	result.scenario.name = "pcp_refill_drain";
	result.scenario.description = "Fault pages in on CPU 0, unmap them from CPU 1.";
	result.system.kernel_release = "6.18.0-kmh";
	result.workloads = {
		{"fault", "fault_pages", 1, {0}, {}, "ok", "", 1.7, {{"workload.fault.pages_touched", {}, 524288}}},
		{"unmap", "unmap_remote", 2, {1}, {}, "failed", "exit status 3", 0.25, {}},
	};
	result.metrics.add("pcp.refill.events", {{"cpu", "0"}, {"order", "0"}, {"scope", "workload"}}, 525000);
	result.metrics.add("pcp.refill.events", {{"cpu", "0"}, {"order", "1"}, {"scope", "workload"}}, 609);
	result.metrics.add("pcp.refill.events", {{"cpu", "0"}, {"scope", "system"}}, 600000);
	result.metrics.add("pcp.refill.events", {{"cpu", "1"}, {"scope", "system"}}, 1234);
	result.metrics.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "workload"}}, 525587);
	result.metrics.add("pcp.drain.events", {{"cpu", "1"}, {"scope", "system"}}, 1525587);
	result.metrics.add("slab.kfree.events", {{"cpu", "0"}, {"scope", "workload"}}, 77);
	result.assertions = {
		{"refill_on_cpu0", "pcp.refill.events{cpu=0} >= 471859.2", "", 525609, 471859.2, ">= 471859.2", "",
		 Verdict::pass, {"pcp.toml", 20, 3}},
		{"no_drain_cpu0", "pcp.drain.events{cpu=0} == 0", "drains belong to CPU 1", 1200, 0, "== 0",
		 "summed 2 series", Verdict::fail, {"pcp.toml", 24, 3}},
		{"extfrag_seen", "extfrag.events > 0", "", std::numeric_limits<double>::quiet_NaN(), 0, "> 0",
		 "extfrag.events was not collected", Verdict::error, {"pcp.toml", 28, 3}},
	};
	result.timings = {{"setup", 0.5}, {"workloads", 2.0}};
	result.errors = {"workload unmap failed: exit status 3"};
	return result;
}

bool contains(const std::string &text, const std::string &part)
{
	return text.find(part) != std::string::npos;
}

// The line that starts with `start` once leading blanks are removed, split into words.
std::vector<std::string> words_of_line(const std::string &text, const std::string &start)
{
	std::istringstream in(text);
	for (std::string line; std::getline(in, line);) {
		std::size_t first = line.find_first_not_of(' ');
		if (first == std::string::npos || line.compare(first, start.size(), start) != 0)
			continue;
		std::istringstream words_in(line);
		std::vector<std::string> words;
		for (std::string word; words_in >> word;)
			words.push_back(word);
		return words;
	}
	return {};
}

TEST(Summary, Header)
{
	std::string text = summary_text(sample_result(), false);

	EXPECT_EQ(text.rfind("kmemharness: pcp_refill_drain on Linux 6.18.0-kmh (host): FAILED (exit 1, 2.5 s)\n", 0), 0u);
	EXPECT_TRUE(contains(text, "\n  Fault pages in on CPU 0, unmap them from CPU 1.\n"));
}

TEST(Summary, Workloads)
{
	std::string text = summary_text(sample_result(), false);

	EXPECT_EQ(words_of_line(text, "name "), (std::vector<std::string>{"name", "kind", "phase", "status", "duration"}));
	EXPECT_EQ(words_of_line(text, "fault "),
		  (std::vector<std::string>{"fault", "fault_pages", "1", "ok", "1.700", "s"}));
	EXPECT_EQ(words_of_line(text, "unmap "),
		  (std::vector<std::string>{"unmap", "unmap_remote", "2", "failed", "0.250", "s"}));
	EXPECT_EQ(words_of_line(text, "pages_touched"), (std::vector<std::string>{"pages_touched", "524,288"}));
	EXPECT_TRUE(contains(text, "      error: exit status 3\n"));
}

TEST(Summary, KeyCountsPerCpuWithThousandsSeparators)
{
	std::string text = summary_text(sample_result(), false);

	EXPECT_EQ(words_of_line(text, "metric"),
		  (std::vector<std::string>{"metric", "cpu0", "cpu1", "total", "system"}));
	EXPECT_EQ(words_of_line(text, "pcp.refill.events"),
		  (std::vector<std::string>{"pcp.refill.events", "525,609", "0", "525,609", "601,234"}));
	EXPECT_EQ(words_of_line(text, "pcp.drain.events"),
		  (std::vector<std::string>{"pcp.drain.events", "0", "525,587", "525,587", "1,525,587"}));
}

TEST(Summary, KeyCountsWithoutSystemScopeShowADash)
{
	RunResult result = sample_result();
	result.metrics = MetricStore();
	result.metrics.add("page.alloc.events", {{"cpu", "1"}, {"scope", "workload"}}, 4096);

	EXPECT_EQ(words_of_line(summary_text(result, false), "page.alloc.events"),
		  (std::vector<std::string>{"page.alloc.events", "4,096", "4,096", "-"}));
}

TEST(Summary, KeyCountsOnlyForRowsWithSeries)
{
	std::string text = summary_text(sample_result(), false);

	EXPECT_FALSE(contains(text, "page.alloc.events"));
	EXPECT_FALSE(contains(text, "extfrag.events  "));
	EXPECT_FALSE(contains(text, "slab.kfree.events"));
}

TEST(Summary, NoKeyCountsWithoutSeries)
{
	RunResult result = sample_result();
	result.metrics = MetricStore();

	EXPECT_FALSE(contains(summary_text(result, false), "Key counts"));
}

TEST(Summary, KeyCountColumnsAreAligned)
{
	std::string text = summary_text(sample_result(), false);
	std::size_t heading = text.find("  metric");
	std::size_t refill = text.find("  pcp.refill.events");
	ASSERT_NE(heading, std::string::npos);
	ASSERT_NE(refill, std::string::npos);

	std::string heading_line = text.substr(heading, text.find('\n', heading) - heading);
	std::string refill_line = text.substr(refill, text.find('\n', refill) - refill);
	EXPECT_EQ(heading_line.size(), refill_line.size());
	EXPECT_EQ(heading_line.find("cpu0") + 4, refill_line.find("525,609") + 7);
}

TEST(Summary, TracingQuirksLineWhenAKmallocFiredTwice)
{
	RunResult result = sample_result();
	result.metrics.add("slab.kmalloc.duplicate_events", {{"cpu", "0"}, {"scope", "workload"}}, 500);
	result.metrics.add("slab.kmalloc.duplicate_events", {{"cpu", "0"}, {"scope", "system"}}, 1500);
	result.metrics.add("slab.kmalloc.duplicate_events", {{"cpu", "1"}, {"scope", "system"}}, 7);

	std::string text = summary_text(result, false);

	EXPECT_TRUE(contains(text, "\nTracing quirks\n  kmem:kmalloc fired twice for one kmalloc call 1,507 times "
				   "(500 in scope=workload): each call counted once, the second firings in "
				   "slab.kmalloc.duplicate_events\n"))
		<< text;
}

TEST(Summary, ListsTheTopCallSitesAndTheOutstandingOnes)
{
	RunResult result = sample_result();
	Labels mine = {{"callsite", "kmh_alloc_one"}, {"op", "kmalloc"}, {"scope", "workload"}, {"context", "task"}};
	Labels other = {{"callsite", "other"}, {"op", "kmalloc"}, {"scope", "workload"}, {"context", "task"}};
	result.metrics.add("slab.callsite.events", mine, 2000);
	result.metrics.add("slab.callsite.bytes_alloc", mine, 768000);
	result.metrics.add("slab.callsite.waste", mine, 268000);
	result.metrics.add("slab.callsite.cross_cpu_frees", mine, 1000);
	result.metrics.add("slab.callsite.events", other, 3);
	result.metrics.add("slab.outstanding.objects", mine, 1000);
	result.metrics.add("slab.outstanding.bytes", mine, 256000);
	result.metrics.add("page.outstanding.pages", {{"callsite", "kmh_alloc_one"}, {"order", "1"}, {"scope", "workload"}}, 200);
	result.metrics.add("slab.outstanding.objects", {{"callsite", "kernfs_fop_open"}, {"scope", "system"}}, 9);

	std::string text = summary_text(result, false);

	EXPECT_TRUE(contains(text, "\nTop slab call sites (scope=workload, kmalloc and kmem_cache_alloc)\n"
				   "  call site      allocations  bytes_alloc    waste  cross-CPU frees\n"
				   "  kmh_alloc_one        2,000      768,000  268,000            1,000\n"
				   "  other                    3            0        0                0\n"))
		<< text;
	EXPECT_TRUE(contains(text, "\nOutstanding at the end of the window (scope=workload: allocated, not freed)\n"
				   "  call site      objects    bytes  pages\n"
				   "  kmh_alloc_one    1,000  256,000    200\n"))
		<< text;
	EXPECT_FALSE(contains(text, "kernfs_fop_open")) << text;
}

TEST(Summary, NoCallSiteSectionsWithoutTheCallsiteCollector)
{
	std::string text = summary_text(sample_result(), false);
	EXPECT_FALSE(contains(text, "call sites"));
	EXPECT_FALSE(contains(text, "Outstanding"));
}

TEST(Summary, NoTracingQuirksLineWithoutDuplicates)
{
	RunResult result = sample_result();
	result.metrics.add("slab.kmalloc.duplicate_events", {{"cpu", "0"}, {"scope", "system"}}, 0);

	EXPECT_FALSE(contains(summary_text(result, false), "Tracing quirks"));
}

TEST(Summary, AssertionLines)
{
	std::string text = summary_text(sample_result(), false);

	EXPECT_TRUE(contains(text, "  PASS  refill_on_cpu0: observed 525,609 expected >= 471859.2\n"));
	EXPECT_TRUE(contains(text, "  FAIL  no_drain_cpu0: observed 1,200 expected == 0\n"
				   "        drains belong to CPU 1\n"
				   "        summed 2 series\n"));
	EXPECT_TRUE(contains(text, "  ERROR extfrag_seen: observed n/a expected > 0\n"
				   "        extfrag.events was not collected\n"));
	EXPECT_TRUE(contains(text, "  1 passed, 1 failed, 1 could not be evaluated\n"));
	EXPECT_TRUE(contains(text, "\nErrors\n  workload unmap failed: exit status 3\n"));
}

TEST(Summary, ColourOnlyWhenAsked)
{
	std::string plain = summary_text(sample_result(), false);
	std::string coloured = summary_text(sample_result(), true);

	EXPECT_FALSE(contains(plain, "\x1b["));
	EXPECT_TRUE(contains(coloured, "\x1b[32mPASS \x1b[0m refill_on_cpu0"));
	EXPECT_TRUE(contains(coloured, "\x1b[31mFAIL \x1b[0m no_drain_cpu0"));
	EXPECT_TRUE(contains(coloured, "\x1b[33mERROR\x1b[0m extfrag_seen"));
	EXPECT_TRUE(contains(coloured, "\x1b[31mFAILED\x1b[0m"));
}

TEST(Summary, FormatCount)
{
	EXPECT_EQ(format_count(0), "0");
	EXPECT_EQ(format_count(999), "999");
	EXPECT_EQ(format_count(1000), "1,000");
	EXPECT_EQ(format_count(525609), "525,609");
	EXPECT_EQ(format_count(1234567890), "1,234,567,890");
	EXPECT_EQ(format_count(-525609), "-525,609");
	EXPECT_EQ(format_count(471859.2), "471,859.20");
	EXPECT_EQ(format_count(0.125), "0.125");
	EXPECT_EQ(format_count(std::numeric_limits<double>::infinity()), "n/a");
}

}  // namespace
}  // namespace kmh
