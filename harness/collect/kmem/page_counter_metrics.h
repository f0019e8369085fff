// Turning a KMH_PAGE_COUNTERS map (scope x context x order x migratetype, per CPU) into metrics.
#pragma once

#include <string>
#include <vector>

#include "collect/kmem/migratetype_names.h"
#include "metrics/metric.h"

namespace kmh {

enum class PageLabels { order_and_migratetype, order_only, none };

// One series per (cpu, scope, context[, order][, migratetype]) with a non-zero count.
std::vector<Metric> page_counter_metrics(int map_fd, const std::string &metric_name, PageLabels labels,
					 const MigratetypeNames &migratetypes);

}  // namespace kmh
