// Grouping a run's series by label for report.html.
#include "report/run_report_data.h"

#include <algorithm>
#include <set>

#include "metrics/migratetype_order.h"

namespace kmh {

namespace {

bool is_number(const std::string &text)
{
	return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

// Numbers by value before other text; other text in byte order.
bool label_before(const std::string &a, const std::string &b)
{
	if (is_number(a) && is_number(b))
		return a.size() != b.size() ? a.size() < b.size() : a < b;
	if (is_number(a) != is_number(b))
		return is_number(a);
	return a < b;
}

std::string label_of(const Metric &metric, const std::string &key)
{
	auto found = metric.labels.find(key);
	return found == metric.labels.end() ? "" : found->second;
}

// The series of `name` in the workload scope when there are any, else every series of it.
std::vector<const Metric *> scoped_series(const MetricStore &store, const std::string &name)
{
	std::vector<const Metric *> all = store.select(name, {}), workload;
	for (const Metric *metric : all)
		if (label_of(*metric, "scope") == "workload")
			workload.push_back(metric);
	return workload.empty() ? all : workload;
}

}  // namespace

std::vector<LabelledValue> sum_by_label(const MetricStore &store, const std::string &name, const std::string &by)
{
	std::map<std::string, double, decltype(&label_before)> sums(label_before);
	for (const Metric *metric : scoped_series(store, name))
		if (metric->labels.count(by))
			sums[label_of(*metric, by)] += metric->value;
	std::vector<LabelledValue> values;
	for (const auto &[label, value] : sums)
		values.push_back({label, value});
	return values;
}

std::vector<std::vector<LabelledValue>> sums_on_common_labels(const MetricStore &store, const std::vector<std::string> &names,
							       const std::string &by)
{
	std::vector<std::map<std::string, double>> sums(names.size());
	std::set<std::string, decltype(&label_before)> labels(label_before);
	for (std::size_t i = 0; i < names.size(); i++)
		for (const LabelledValue &value : sum_by_label(store, names[i], by)) {
			sums[i][value.label] = value.value;
			labels.insert(value.label);
		}
	std::vector<std::vector<LabelledValue>> lists(names.size());
	for (std::size_t i = 0; i < names.size(); i++)
		for (const std::string &label : labels)
			if (!sums[i].empty())
				lists[i].push_back({label, sums[i].count(label) ? sums[i].at(label) : 0.0});
	return lists;
}

std::vector<OrderMigratetypeGrid> order_migratetype_grids(const MetricStore &store, const std::vector<std::string> &names)
{
	std::vector<OrderMigratetypeGrid> grids(names.size());
	std::set<int> orders;
	std::set<std::string> migratetypes;
	double highest = 0;
	for (std::size_t i = 0; i < names.size(); i++)
		for (const Metric *metric : scoped_series(store, names[i])) {
			std::string order = label_of(*metric, "order"), migratetype = label_of(*metric, "migratetype");
			if (!is_number(order) || migratetype.empty())
				continue;
			double &cell = grids[i].cells[{std::stoi(order), migratetype}];
			cell += metric->value;
			highest = std::max(highest, cell);
			orders.insert(std::stoi(order));
			migratetypes.insert(migratetype);
		}
	for (OrderMigratetypeGrid &grid : grids) {
		grid.orders.assign(orders.begin(), orders.end());
		grid.migratetypes = in_migratetype_order(migratetypes);
		grid.highest = highest;
	}
	return grids;
}

std::vector<std::string> histogram_families(const MetricStore &store, const std::string &prefix)
{
	std::set<std::string> names;
	for (const Metric &metric : store.all())
		if (metric.name.rfind(prefix, 0) == 0 && metric.labels.count("le"))
			names.insert(metric.name);
	return {names.begin(), names.end()};
}

std::vector<CallsiteTable> top_callsites(const MetricStore &store, std::size_t limit)
{
	std::map<std::string, std::map<std::string, double>> families;
	for (const Metric &metric : store.all())
		if (metric.labels.count("callsite"))
			families[metric.name][label_of(metric, "callsite")] += metric.value;
	std::vector<CallsiteTable> tables;
	for (const auto &[family, sites] : families) {
		CallsiteTable table{family, {}};
		for (const auto &[site, value] : sites)
			table.top.push_back({site, value});
		std::stable_sort(table.top.begin(), table.top.end(),
				 [](const LabelledValue &a, const LabelledValue &b) { return a.value > b.value; });
		if (table.top.size() > limit)
			table.top.resize(limit);
		tables.push_back(std::move(table));
	}
	return tables;
}

}  // namespace kmh
