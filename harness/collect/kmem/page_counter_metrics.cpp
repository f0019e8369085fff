// Reading the page counter arrays that page_alloc and pcp collectors share.
#include "collect/kmem/page_counter_metrics.h"

#include "collect/bpf/percpu_map_reader.h"
#include "collect/kmem/event_context.h"
#include "kmh_common.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

struct PageSlot {
	unsigned scope;
	unsigned context;
	unsigned order;
	unsigned migratetype;
};

Labels slot_labels(int cpu, const PageSlot &slot, PageLabels which, const MigratetypeNames &migratetypes)
{
	Labels labels{{"cpu", std::to_string(cpu)},
		      {"scope", slot.scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system},
		      {"context", context_label(slot.context)}};
	if (which != PageLabels::none)
		labels["order"] = std::to_string(slot.order);
	if (which == PageLabels::order_and_migratetype)
		labels["migratetype"] = migratetypes.name(static_cast<int>(slot.migratetype));
	return labels;
}

std::vector<PageSlot> every_slot()
{
	std::vector<PageSlot> slots;
	for (unsigned scope = 0; scope < KMH_SCOPES; ++scope)
		for (unsigned context = 0; context < KMH_CONTEXTS; ++context)
			for (unsigned order = 0; order < KMH_ORDERS; ++order)
				for (unsigned mt = 0; mt < KMH_MIGRATETYPES; ++mt)
					slots.push_back({scope, context, order, mt});
	return slots;
}

}  // namespace

std::vector<Metric> page_counter_metrics(int fd, const std::string &metric_name, PageLabels labels,
					 const MigratetypeNames &migratetypes)
{
	auto counts = read_percpu_u64_array(fd, KMH_PAGE_SLOTS);
	std::vector<Metric> metrics;
	for (const PageSlot &slot : every_slot()) {
		const auto &per_cpu = counts[kmh_page_slot(slot.scope, slot.context, slot.order, slot.migratetype)];
		for (int cpu = 0; cpu < static_cast<int>(per_cpu.size()); ++cpu)
			if (per_cpu[cpu] != 0)
				metrics.push_back(Metric{metric_name, slot_labels(cpu, slot, labels, migratetypes),
							 static_cast<double>(per_cpu[cpu])});
	}
	return metrics;
}

}  // namespace kmh
