// Before/after/delta series from two /proc snapshots.
#include "collect/proc/snapshot_phases.h"

#include <map>
#include <string>
#include <utility>

namespace kmh {

namespace {

using SeriesKey = std::pair<std::string, Labels>;

struct SeriesValues {
	double before = 0;
	double after = 0;
};

struct PhaseTable {
	std::vector<SeriesKey> order;
	std::map<SeriesKey, SeriesValues> values;

	SeriesValues &series(const Metric &metric)
	{
		SeriesKey key{metric.name, metric.labels};
		auto [it, inserted] = values.try_emplace(key);
		if (inserted)
			order.push_back(std::move(key));
		return it->second;
	}
};

}  // namespace

std::vector<Metric> snapshot_phase_metrics(const std::vector<Metric> &before, const std::vector<Metric> &after)
{
	PhaseTable table;
	for (const Metric &metric : before)
		table.series(metric).before += metric.value;
	for (const Metric &metric : after)
		table.series(metric).after += metric.value;

	std::vector<Metric> phases;
	phases.reserve(table.order.size() * 3);
	for (const SeriesKey &key : table.order) {
		const SeriesValues &v = table.values.at(key);
		phases.push_back({key.first + ".before", key.second, v.before});
		phases.push_back({key.first + ".after", key.second, v.after});
		phases.push_back({key.first + ".delta", key.second, v.after - v.before});
	}
	return phases;
}

}  // namespace kmh
