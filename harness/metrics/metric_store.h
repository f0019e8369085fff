// The flat store every collector and workload writes its metrics into.
#pragma once

#include <string>
#include <vector>

#include "metrics/label_matcher.h"
#include "metrics/metric.h"

namespace kmh {

class MetricStore {
public:
	void add(std::string name, Labels labels, double value);
	void add_all(const std::vector<Metric> &metrics);

	const std::vector<Metric> &all() const { return metrics_; }
	bool has_name(const std::string &name) const;
	std::vector<const Metric *> select(const std::string &name, const std::vector<LabelMatcher> &matchers) const;
	double sum(const std::string &name, const std::vector<LabelMatcher> &matchers) const;

private:
	std::vector<Metric> metrics_;
};

}  // namespace kmh
