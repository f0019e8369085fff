// Keeping the top N call sites of each scope and folding the rest into callsite="other".
#include "collect/kmem/callsite_folding.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace kmh {

namespace {

std::string label_or_empty(const Labels &labels, const std::string &key)
{
	auto found = labels.find(key);
	return found == labels.end() ? "" : found->second;
}

}  // namespace

std::vector<Metric> merge_equal_series(const std::vector<Metric> &metrics)
{
	std::map<std::pair<std::string, Labels>, double> sums;
	for (const Metric &metric : metrics)
		sums[{metric.name, metric.labels}] += metric.value;
	std::vector<Metric> merged;
	for (const auto &[series, value] : sums)
		merged.push_back({series.first, series.second, value});
	return merged;
}

std::vector<std::string> top_callsites(const std::vector<Metric> &metrics, const std::string &rank_by,
				       const std::string &scope, std::size_t top)
{
	std::map<std::string, double> totals;
	for (const Metric &metric : metrics) {
		std::string callsite = label_or_empty(metric.labels, "callsite");
		if (metric.name == rank_by && callsite != other_callsite &&
		    label_or_empty(metric.labels, "scope") == scope)
			totals[callsite] += metric.value;
	}
	std::vector<std::pair<std::string, double>> ranked(totals.begin(), totals.end());
	std::stable_sort(ranked.begin(), ranked.end(),
			 [](const auto &a, const auto &b) { return a.second > b.second; });
	std::vector<std::string> kept;
	for (std::size_t i = 0; i < ranked.size() && i < top; ++i)
		kept.push_back(ranked[i].first);
	return kept;
}

std::vector<Metric> fold_callsites(const std::vector<Metric> &metrics, const std::string &rank_by, std::size_t top)
{
	std::map<std::string, std::set<std::string>> kept_by_scope;
	for (const Metric &metric : metrics) {
		std::string scope = label_or_empty(metric.labels, "scope");
		if (!kept_by_scope.count(scope)) {
			auto kept = top_callsites(metrics, rank_by, scope, top);
			kept_by_scope[scope] = std::set<std::string>(kept.begin(), kept.end());
		}
	}
	std::vector<Metric> relabelled = metrics;
	for (Metric &metric : relabelled) {
		const auto &kept = kept_by_scope[label_or_empty(metric.labels, "scope")];
		if (!kept.count(label_or_empty(metric.labels, "callsite")))
			metric.labels["callsite"] = other_callsite;
	}
	return merge_equal_series(relabelled);
}

}  // namespace kmh
