// Tests that an A/B between a kernel tracing large kmallocs twice and one that does not points at the tracing change.
#include <gtest/gtest.h>

#include "compare/compare_report.h"
#include "compare/json_report.h"
#include "compare/markdown_report.h"
#include "compare/terminal_report.h"

namespace kmh {
namespace {

// Runs of the 500 x kmalloc(16 KiB) scenario: calls counted once, second firings on their own.
RunSet kmalloc_side(const std::string &label, const std::string &kernel, double duplicates_per_run)
{
	RunSet set{label, {}};
	for (int run = 0; run < 5; ++run) {
		LoadedRun loaded;
		loaded.path = label + "/" + std::to_string(run) + "/result.json";
		loaded.result.scenario.name = "kmalloc_large";
		loaded.result.system.kernel_release = kernel;
		for (const char *scope : {"workload", "system"}) {
			loaded.result.metrics.add("slab.kmalloc.events", {{"cpu", "0"}, {"scope", scope}}, 500);
			loaded.result.metrics.add("slab.kmalloc.bytes_alloc", {{"cpu", "0"}, {"scope", scope}}, 500 * 16384);
			if (duplicates_per_run > 0)
				loaded.result.metrics.add("slab.kmalloc.duplicate_events", {{"cpu", "0"}, {"scope", scope}},
							  duplicates_per_run);
		}
		set.runs.push_back(loaded);
	}
	return set;
}

CompareReport one_twelve_against_six_one()
{
	return build_compare_report(kmalloc_side("baseline", "6.1.0-57-amd64", 0),
				    kmalloc_side("candidate", "6.12.117+deb12-amd64", 500), {});
}

const MetricComparison &row(const CompareReport &report, const std::string &selector)
{
	for (const MetricComparison &metric : report.metrics)
		if (metric.selector() == selector)
			return metric;
	throw std::runtime_error("no row " + selector);
}

TEST(CompareTracingNotes, CallCountsStayEqualWhileTheDuplicateCountChanges)
{
	CompareReport report = one_twelve_against_six_one();

	EXPECT_EQ(row(report, "slab.kmalloc.events{cpu=0, scope=workload}").stats.verdict, ChangeVerdict::identical);
	EXPECT_EQ(row(report, "slab.kmalloc.bytes_alloc{cpu=0, scope=workload}").stats.verdict, ChangeVerdict::identical);
	const MetricComparison &duplicates = row(report, "slab.kmalloc.duplicate_events{cpu=0, scope=workload}");
	EXPECT_EQ(duplicates.stats.a.mean, 0);
	EXPECT_EQ(duplicates.stats.b.mean, 500);
	EXPECT_TRUE(duplicates.stats.significant);
}

TEST(CompareTracingNotes, NoteNamesTheTracepointAndBothCounts)
{
	CompareReport report = one_twelve_against_six_one();

	ASSERT_EQ(report.notes.size(), 1u);
	const TracingNote &note = report.notes.front();
	EXPECT_EQ(note.duplicates, "slab.kmalloc.duplicate_events");
	EXPECT_EQ(note.baseline_duplicates, 0);
	EXPECT_EQ(note.candidate_duplicates, 500);
	EXPECT_EQ(note.baseline_calls, note.candidate_calls);
	EXPECT_EQ(note.text, "tracing changed: kmem:kmalloc fired a second time for one call 0 times per run on the "
			     "baseline and 500 on the candidate (slab.kmalloc.duplicate_events); slab.kmalloc.events "
			     "counts each call once on both sides: 500 -> 500 per run (scope=system)");
}

TEST(CompareTracingNotes, EveryReportCarriesTheNote)
{
	CompareReport report = one_twelve_against_six_one();
	const std::string &text = report.notes.front().text;

	EXPECT_NE(terminal_report(report, Color::off).find("  note: " + text), std::string::npos);
	EXPECT_NE(markdown_report(report).find("> **Note:** " + text), std::string::npos);
	nlohmann::json json = compare_report_json(report);
	ASSERT_EQ(json.at("notes").size(), 1u);
	EXPECT_EQ(json.at("notes")[0].at("candidate_duplicates"), 500);
}

TEST(CompareTracingNotes, NoNoteWhenBothKernelsTraceAlike)
{
	CompareReport report = build_compare_report(kmalloc_side("baseline", "6.12.117+deb12-amd64", 500),
						    kmalloc_side("candidate", "6.12.117+deb12-amd64", 500), {});

	EXPECT_TRUE(report.notes.empty());
	EXPECT_EQ(terminal_report(report, Color::off).find("note:"), std::string::npos);
	EXPECT_TRUE(compare_report_json(report).at("notes").empty());
}

}  // namespace
}  // namespace kmh
