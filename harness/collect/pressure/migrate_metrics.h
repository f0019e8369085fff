// The migrate collector's per-(comm, scope, reason, mode) sums (bpf/migrate.h) turned into metrics.
#pragma once

#include <linux/types.h>

#include <utility>
#include <vector>

#include "collect/pressure/enum_labels.h"
#include "metrics/metric.h"
#include "migrate.h"

namespace kmh {

using MigrateEntry = std::pair<kmh_migrate_key, kmh_migrate_counts>;

// migrate.events, .succeeded.pages and .failed.pages for every entry; the THP and large folio
// counts where they are not 0. Labels comm, scope, reason and mode, named by `reasons` and `modes`.
std::vector<Metric> migrate_count_metrics(const std::vector<MigrateEntry> &entries, const EnumLabels &reasons,
					  const EnumLabels &modes);

}  // namespace kmh
