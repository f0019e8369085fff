// Tests which report section a compared row lands in, and the order of the rows inside one.
#include <limits>

#include <gtest/gtest.h>

#include "compare/report_sections.h"

namespace kmh {
namespace {

MetricComparison row(const std::string &name, Labels labels, bool in_baseline, Decision decision, double gain)
{
	MetricComparison compared;
	compared.name = name;
	compared.labels = std::move(labels);
	compared.in_baseline = in_baseline;
	compared.stats.decision = decision;
	compared.stats.percent_change = gain;
	return compared;
}

const ReportSection *section(const std::vector<ReportSection> &sections, SectionKind kind)
{
	for (const ReportSection &found : sections)
		if (found.kind == kind)
			return &found;
	return nullptr;
}

TEST(ReportSections, ACountOneKernelNeverSawHeadsItsSectionAndACacheOneKernelLacksIsOneSideOnly)
{
	double from_zero = std::numeric_limits<double>::infinity();
	std::vector<MetricComparison> rows = {
		row("slab.kmalloc.events", {{"scope", "workload"}}, true, Decision::changed, 20),
		row("slab.kmalloc.duplicate_events", {{"scope", "workload"}, {"cpu", "0"}}, false, Decision::changed, from_zero),
		row("slabinfo.active_objs.before", {{"cache", "only_on_b"}}, false, Decision::changed, from_zero),
	};
	std::vector<ReportSection> sections = report_sections(rows);
	const ReportSection *workload = section(sections, SectionKind::workload_kmem);
	ASSERT_NE(workload, nullptr);
	ASSERT_EQ(workload->rows.size(), 2u);
	EXPECT_EQ(workload->rows[0]->name, "slab.kmalloc.duplicate_events");
	const ReportSection *one_side = section(sections, SectionKind::one_side);
	ASSERT_NE(one_side, nullptr);
	ASSERT_EQ(one_side->rows.size(), 1u);
	EXPECT_EQ(one_side->rows[0]->name, "slabinfo.active_objs.before");
}

}  // namespace
}  // namespace kmh
