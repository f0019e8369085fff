// The migrate collector: migrate_pages() calls by reason and mode, pages migrated and failed, and their time.
#include "collect/bpf/hash_map_reader.h"
#include "collect/bpf/kernel_btf.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/pressure/enum_labels.h"
#include "collect/pressure/migrate_metrics.h"
#include "collect/pressure/process_stats_metrics.h"
#include "migrate.h"
#include "migrate.skel.h"

namespace kmh {

namespace {

class MigrateCollector : public SkeletonCollector<migrate_bpf> {
public:
	explicit MigrateCollector(const KernelBtf &btf)
		: SkeletonCollector("migrate", {migrate_bpf__open, migrate_bpf__load, migrate_bpf__destroy},
				    {AttachVariant::tp_btf, AttachVariant::raw_tp, AttachVariant::tracepoint}),
		  reasons_(enum_labels(btf.enumerators("migrate_reason"), "MR_")),
		  modes_(enum_labels(btf.enumerators("migrate_mode"), "MIGRATE_"))
	{
	}

	std::vector<Metric> read() const override
	{
		auto counts = read_hash_map<kmh_migrate_key, kmh_migrate_counts>(map_fd(object(), "migrate_counts"));
		std::vector<Metric> metrics = migrate_count_metrics(counts, reasons_, modes_);
		std::vector<Metric> timings = process_stats_metrics(read_process_stats(map_fd(object(), "process_stats")),
								    {{KMH_MIGRATE_CALL, "", "", "migrate.call", ""}});
		metrics.insert(metrics.end(), timings.begin(), timings.end());
		return metrics;
	}

private:
	EnumLabels reasons_;
	EnumLabels modes_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_migrate_collector(const KernelFacts &)
{
	return std::make_unique<MigrateCollector>(KernelBtf());
}

}  // namespace kmh
