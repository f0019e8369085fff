// Sorting the rows of a comparison into sections and ranking each by effect size.
#include "compare/report_sections.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace kmh {

namespace {

bool ends_with(const std::string &text, const std::string &tail)
{
	return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

std::string label_of(const MetricComparison &row, const std::string &key)
{
	auto found = row.labels.find(key);
	return found == row.labels.end() ? "" : found->second;
}

bool is_kmem_family(const std::string &name)
{
	for (const char *prefix : {"page.", "pcp.", "extfrag.", "slab.", "vmalloc.", "compaction.", "vmscan.", "percpu."})
		if (name.rfind(prefix, 0) == 0)
			return true;
	return false;
}

std::string snapshot_base(const std::string &name)
{
	return name.substr(0, name.rfind('.'));
}

// name{labels} of snapshot .before rows decided changed: their machine was already different.
std::set<std::pair<std::string, Labels>> differing_idle_state(const std::vector<MetricComparison> &rows)
{
	std::set<std::pair<std::string, Labels>> differing;
	for (const MetricComparison &row : rows)
		if (ends_with(row.name, ".before") && row.stats.decision == Decision::changed)
			differing.insert({snapshot_base(row.name), row.labels});
	return differing;
}

// A series no run of one side has. A collector's count (it carries `scope`) is absent when the
// kernel gave it no event: 0 on that side, ranked with the rest (6.12's 500 duplicate kmalloc
// firings against 6.1's none head the report). A snapshot series is absent when that kernel has
// no such thing (a slab cache, a meminfo field): one side only.
bool exists_on_one_side_only(const MetricComparison &row)
{
	return row.kind == SeriesKind::series && (!row.in_baseline || !row.in_candidate) && !row.labels.count("scope");
}

SectionKind section_of(const MetricComparison &row, const std::set<std::pair<std::string, Labels>> &idle)
{
	if (exists_on_one_side_only(row))
		return SectionKind::one_side;
	bool snapshot = ends_with(row.name, ".before") || ends_with(row.name, ".after") || ends_with(row.name, ".delta");
	if (snapshot && !ends_with(row.name, ".delta") && idle.count({snapshot_base(row.name), row.labels}))
		return SectionKind::idle_state;
	if (row.labels.count("callsite"))
		return SectionKind::call_sites;
	if (snapshot)
		return SectionKind::snapshots;
	std::string scope = label_of(row, "scope");
	if (scope == "workload" && is_kmem_family(row.name))
		return SectionKind::workload_kmem;
	if (scope == "system")
		return SectionKind::system;
	return SectionKind::workload_results;
}

struct SectionName {
	SectionKind kind;
	const char *name;
	const char *title;
};

const SectionName section_names[] = {
	{SectionKind::workload_kmem, "workload_kmem", "Workload (scope=workload) kmem metrics"},
	{SectionKind::system, "system", "System (scope=system)"},
	{SectionKind::snapshots, "snapshots", "Snapshot deltas"},
	{SectionKind::call_sites, "call_sites", "By call site"},
	{SectionKind::workload_results, "workload_results", "Workload results and other metrics"},
	{SectionKind::idle_state, "idle_state", "Idle state: snapshot values that already differ before the workloads"},
	{SectionKind::one_side, "one_side", "Series present on one side only"},
};

const SectionName &name_of(SectionKind kind)
{
	return *std::find_if(std::begin(section_names), std::end(section_names),
			     [&](const SectionName &entry) { return entry.kind == kind; });
}

// Decided changes first, then totals, then the rest; within each, largest effect first.
bool ranks_before(const MetricComparison *left, const MetricComparison *right)
{
	auto key = [](const MetricComparison *row) {
		return std::make_tuple(row->stats.decision == Decision::changed ? 0 : 1, row->kind == SeriesKind::total ? 0 : 1,
				       -effect_size(*row));
	};
	auto a = key(left);
	auto b = key(right);
	if (a != b)
		return a < b;
	return left->selector() < right->selector();
}

}  // namespace

const char *to_string(SectionKind kind)
{
	return name_of(kind).name;
}

double effect_size(const MetricComparison &row)
{
	const SampleComparison &stats = row.stats;
	if (stats.test == TestKind::mann_whitney && std::isfinite(stats.relative_change))
		return std::fabs(stats.relative_change);
	return std::isnan(stats.percent_change) ? 0 : std::fabs(stats.percent_change);
}

std::vector<ReportSection> report_sections(const std::vector<MetricComparison> &rows)
{
	std::set<std::pair<std::string, Labels>> idle = differing_idle_state(rows);
	std::map<SectionKind, std::vector<const MetricComparison *>> grouped;
	for (const MetricComparison &row : rows)
		grouped[section_of(row, idle)].push_back(&row);
	std::vector<ReportSection> sections;
	for (auto &[kind, members] : grouped) {
		std::sort(members.begin(), members.end(), ranks_before);
		ReportSection section{kind, name_of(kind).title, members, {}};
		for (const MetricComparison *row : members)
			if (row->stats.decision == Decision::changed || row->kind == SeriesKind::total)
				section.shown.push_back(row);
		sections.push_back(section);
	}
	return sections;
}

}  // namespace kmh
