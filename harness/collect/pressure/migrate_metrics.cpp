// Turning the migrate collector's counts into the migrate.* families, one series per key and count.
#include "collect/pressure/migrate_metrics.h"

#include <cstdint>

#include "collect/pressure/process_stats_metrics.h"
#include "kmh_common.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

Labels migrate_labels(const kmh_migrate_key &key, const EnumLabels &reasons, const EnumLabels &modes)
{
	return {{"comm", comm_text(key.comm)},
		{"scope", key.scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system},
		{"reason", enum_label(reasons, key.reason, "reason")},
		{"mode", enum_label(modes, key.mode, "mode")}};
}

void add_unless_zero(std::vector<Metric> &metrics, const char *name, const Labels &labels, std::uint64_t value)
{
	if (value != 0)
		metrics.push_back({name, labels, double(value)});
}

}  // namespace

std::vector<Metric> migrate_count_metrics(const std::vector<MigrateEntry> &entries, const EnumLabels &reasons,
					  const EnumLabels &modes)
{
	std::vector<Metric> metrics;
	for (const auto &[key, counts] : entries) {
		Labels labels = migrate_labels(key, reasons, modes);
		metrics.push_back({"migrate.events", labels, double(counts.calls)});
		metrics.push_back({"migrate.succeeded.pages", labels, double(counts.succeeded)});
		metrics.push_back({"migrate.failed.pages", labels, double(counts.failed)});
		add_unless_zero(metrics, "migrate.thp_succeeded.folios", labels, counts.thp_succeeded);
		add_unless_zero(metrics, "migrate.thp_failed.folios", labels, counts.thp_failed);
		add_unless_zero(metrics, "migrate.thp_split.folios", labels, counts.thp_split);
		add_unless_zero(metrics, "migrate.large_folio_split.folios", labels, counts.large_folio_split);
	}
	return metrics;
}

}  // namespace kmh
