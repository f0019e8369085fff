// The metric store's series grouped by name, built once so each assertion reads only its own names.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "metrics/metric_store.h"

namespace kmh {

// Holds pointers into the store, which must outlive the index.
class SeriesIndex {
public:
	explicit SeriesIndex(const MetricStore &store);

	// Every series named `name`, or nullptr when the run produced none.
	const std::vector<const Metric *> *find(const std::string &name) const;

private:
	std::unordered_map<std::string, std::vector<const Metric *>> by_name_;
};

}  // namespace kmh
