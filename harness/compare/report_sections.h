// The order every compare report follows: sections by what a row measures, decided changes first, by effect size.
#pragma once

#include <string>
#include <vector>

#include "compare/metric_comparison.h"

namespace kmh {

// In report order. workload_kmem: kmem families with scope=workload; system: scope=system;
// snapshots: /proc snapshot deltas (and .after values whose .before did not change);
// call_sites: series with a `callsite` label; workload_results: workload.<name>.* and the rest;
// idle_state: snapshot .before values that differ (and their .after), the kernels' idle state;
// one_side: series present in the runs of one side only.
enum class SectionKind { workload_kmem, system, snapshots, call_sites, workload_results, idle_state, one_side };

struct ReportSection {
	SectionKind kind;
	std::string title;
	std::vector<const MetricComparison *> rows;  // every row of the section, ranked
	std::vector<const MetricComparison *> shown;  // what the tables show: decided changes, then totals
};

const char *to_string(SectionKind kind);

// Every section that holds a row. Ranking within a section: decided `changed` first, by the size
// of the relative change (|Hodges-Lehmann estimate|; deterministic rows: |gain|), largest first;
// then the rest, totals before series, by the same size. Each row sits in exactly one section.
std::vector<ReportSection> report_sections(const std::vector<MetricComparison> &rows);

// The size a row is ranked by: |relative change| in percent (inf for a change from 0).
double effect_size(const MetricComparison &row);

}  // namespace kmh
