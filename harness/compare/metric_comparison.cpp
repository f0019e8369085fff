// Turning the runs' metric lists into per-run samples, one per series and one per total.
#include "compare/metric_comparison.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

namespace kmh {

namespace {

using SeriesKey = std::pair<std::string, Labels>;
using RunValues = std::map<SeriesKey, double>;

RunValues run_values(const RunResult &result)
{
	RunValues values;
	for (const Metric &metric : result.metrics.all())
		values[{metric.name, metric.labels}] += metric.value;
	return values;
}

SeriesKey total_key(const SeriesKey &series)
{
	auto scope = series.second.find("scope");
	if (scope == series.second.end())
		return {series.first, {}};
	return {series.first, {{"scope", scope->second}}};
}

std::vector<std::vector<RunValues>> values_of(const RunSet &baseline, const RunSet &candidate)
{
	std::vector<std::vector<RunValues>> sides(2);
	for (const LoadedRun &run : baseline.runs)
		sides[0].push_back(run_values(run.result));
	for (const LoadedRun &run : candidate.runs)
		sides[1].push_back(run_values(run.result));
	return sides;
}

// Per run, the sum of the series `members` lists; a series missing from a run counts 0.
std::vector<double> sample(const std::vector<RunValues> &runs, const std::set<SeriesKey> &members)
{
	std::vector<double> values;
	for (const RunValues &run : runs) {
		double sum = 0;
		for (const SeriesKey &member : members) {
			auto found = run.find(member);
			sum += found == run.end() ? 0 : found->second;
		}
		values.push_back(sum);
	}
	return values;
}

bool any_run_has(const std::vector<RunValues> &runs, const std::set<SeriesKey> &members)
{
	return std::any_of(runs.begin(), runs.end(), [&](const RunValues &run) {
		return std::any_of(members.begin(), members.end(), [&](const SeriesKey &member) { return run.count(member) > 0; });
	});
}

MetricComparison compare_group(const SeriesKey &key, SeriesKind kind, const std::set<SeriesKey> &members,
			       const std::vector<std::vector<RunValues>> &sides)
{
	MetricComparison row{key.first, key.second, kind, compare_samples(key.first, sample(sides[0], members), sample(sides[1], members))};
	row.in_baseline = any_run_has(sides[0], members);
	row.in_candidate = any_run_has(sides[1], members);
	return row;
}

bool labels_include(const Labels &labels, const Labels &subset)
{
	return std::all_of(subset.begin(), subset.end(), [&](const auto &label) {
		auto found = labels.find(label.first);
		return found != labels.end() && found->second == label.second;
	});
}

}  // namespace

std::string MetricComparison::selector() const
{
	if (labels.empty())
		return name;
	std::vector<std::string> terms;
	for (const auto &[key, value] : labels)
		terms.push_back(key + "=" + value);
	return fmt::format("{}{{{}}}", name, fmt::join(terms, ", "));
}

std::vector<MetricComparison> compare_metrics(const RunSet &baseline, const RunSet &candidate)
{
	std::vector<std::vector<RunValues>> sides = values_of(baseline, candidate);
	std::set<SeriesKey> all_series;
	for (const std::vector<RunValues> &side : sides)
		for (const RunValues &run : side)
			for (const auto &[key, value] : run)
				all_series.insert(key);
	std::vector<MetricComparison> rows;
	std::map<SeriesKey, std::set<SeriesKey>> totals;
	for (const SeriesKey &series : all_series) {
		rows.push_back(compare_group(series, SeriesKind::series, {series}, sides));
		totals[total_key(series)].insert(series);
	}
	for (const auto &[key, members] : totals)
		if (members.size() > 1)
			rows.push_back(compare_group(key, SeriesKind::total, members, sides));
	return rows;
}

std::vector<double> per_run_sums(const RunSet &set, const std::string &name, const Labels &subset)
{
	std::vector<double> sums;
	for (const LoadedRun &run : set.runs) {
		double sum = 0;
		for (const Metric &metric : run.result.metrics.all())
			if (metric.name == name && labels_include(metric.labels, subset))
				sum += metric.value;
		sums.push_back(sum);
	}
	return sums;
}

}  // namespace kmh
