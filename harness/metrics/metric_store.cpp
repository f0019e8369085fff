// Adding to and selecting from the flat metric store.
#include "metrics/metric_store.h"

#include <algorithm>

namespace kmh {

void MetricStore::add(std::string name, Labels labels, double value)
{
	metrics_.push_back(Metric{std::move(name), std::move(labels), value});
}

void MetricStore::add_all(const std::vector<Metric> &metrics)
{
	metrics_.insert(metrics_.end(), metrics.begin(), metrics.end());
}

bool MetricStore::has_name(const std::string &name) const
{
	return std::any_of(metrics_.begin(), metrics_.end(), [&](const Metric &m) { return m.name == name; });
}

std::vector<const Metric *> MetricStore::select(const std::string &name,
						 const std::vector<LabelMatcher> &matchers) const
{
	std::vector<const Metric *> selected;
	for (const Metric &metric : metrics_) {
		if (metric.name != name)
			continue;
		bool all_match = std::all_of(matchers.begin(), matchers.end(),
					     [&](const LabelMatcher &m) { return m.matches(metric.labels); });
		if (all_match)
			selected.push_back(&metric);
	}
	return selected;
}

double MetricStore::sum(const std::string &name, const std::vector<LabelMatcher> &matchers) const
{
	double total = 0;
	for (const Metric *metric : select(name, matchers))
		total += metric->value;
	return total;
}

}  // namespace kmh
