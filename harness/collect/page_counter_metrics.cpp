// Reading the page counter arrays that page_alloc and pcp collectors share.
#include "collect/page_counter_metrics.h"

#include "collect/percpu_map_reader.h"
#include "kmh_common.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

Labels slot_labels(int cpu, unsigned scope, unsigned order, unsigned migratetype, PageLabels which,
		   const MigratetypeNames &migratetypes)
{
	Labels labels{{"cpu", std::to_string(cpu)},
		      {"scope", scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system}};
	if (which != PageLabels::none)
		labels["order"] = std::to_string(order);
	if (which == PageLabels::order_and_migratetype)
		labels["migratetype"] = migratetypes.name(static_cast<int>(migratetype));
	return labels;
}

}  // namespace

std::vector<Metric> page_counter_metrics(int fd, const std::string &metric_name, PageLabels labels,
					 const MigratetypeNames &migratetypes)
{
	auto counts = read_percpu_u64_array(fd, KMH_PAGE_SLOTS);
	std::vector<Metric> metrics;
	for (unsigned scope = 0; scope < KMH_SCOPES; ++scope) {
		for (unsigned order = 0; order < KMH_ORDERS; ++order) {
			for (unsigned mt = 0; mt < KMH_MIGRATETYPES; ++mt) {
				const auto &per_cpu = counts[kmh_page_slot(scope, order, mt)];
				for (int cpu = 0; cpu < static_cast<int>(per_cpu.size()); ++cpu) {
					if (per_cpu[cpu] == 0)
						continue;
					metrics.push_back(Metric{metric_name,
								 slot_labels(cpu, scope, order, mt, labels, migratetypes),
								 static_cast<double>(per_cpu[cpu])});
				}
			}
		}
	}
	return metrics;
}

}  // namespace kmh
