// Grouping the store's series by name.
#include "assertions/series_index.h"

namespace kmh {

SeriesIndex::SeriesIndex(const MetricStore &store)
{
	for (const Metric &metric : store.all())
		by_name_[metric.name].push_back(&metric);
}

const std::vector<const Metric *> *SeriesIndex::find(const std::string &name) const
{
	auto found = by_name_.find(name);
	return found == by_name_.end() ? nullptr : &found->second;
}

}  // namespace kmh
