// The slab collector: kmalloc/kfree/kmem_cache_alloc/kmem_cache_free counts, bytes and sizes, by scope and context.
#include <cstring>

#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/kmem/event_context.h"
#include "collect/kmem/no_preempt_count_skeletons.h"
#include "collect/kmem/preempt_count_symbol.h"
#include "collect/kmem/slab_layout.h"
#include "kmh_common.h"
#include "metrics/catalog.h"
#include "slab.h"
#include "slab.skel.h"

namespace kmh {

namespace {

struct SlabField {
	const char *metric;
	__u64 slab_stats::*field;
};

const SlabField slab_fields[] = {
	{"slab.kmalloc.events", &slab_stats::kmalloc_events},
	{"slab.kmalloc.bytes_req", &slab_stats::kmalloc_bytes_req},
	{"slab.kmalloc.bytes_alloc", &slab_stats::kmalloc_bytes_alloc},
	{"slab.kmalloc.duplicate_events", &slab_stats::kmalloc_duplicate_events},
	{"slab.kfree.events", &slab_stats::kfree_events},
	{"slab.cache_alloc.events", &slab_stats::cache_alloc_events},
	{"slab.cache_alloc.bytes_req", &slab_stats::cache_alloc_bytes_req},
	{"slab.cache_alloc.bytes_alloc", &slab_stats::cache_alloc_bytes_alloc},
	{"slab.cache_free.events", &slab_stats::cache_free_events},
};

// The labels of a (scope, context) slot of slab_counts, on one CPU.
Labels slot_labels(int cpu, unsigned scope_slot)
{
	unsigned scope = scope_slot / KMH_CONTEXTS;
	return {{"cpu", std::to_string(cpu)},
		{"scope", scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system},
		{"context", context_label(scope_slot % KMH_CONTEXTS)}};
}

class SlabCollector : public SkeletonCollector<slab_bpf> {
public:
	explicit SlabCollector(const KernelFacts &facts)
		: SkeletonCollector("slab",
				    {facts.preempt_count_readable ? slab_bpf__open : open_slab_without_preempt_count,
				     slab_bpf__load, slab_bpf__destroy},
				    {AttachVariant::tp_btf, AttachVariant::raw_tp, AttachVariant::tracepoint}),
		  layout_(detect_slab_layout()),
		  preempt_count_readable_(facts.preempt_count_readable)
	{
	}

	std::vector<Metric> read() const override
	{
		std::vector<Metric> metrics = stats_metrics();
		auto buckets = size_bucket_metrics();
		metrics.insert(metrics.end(), buckets.begin(), buckets.end());
		return metrics;
	}

protected:
	bool wants_program(const ProgramName &program) const override { return slab_program_fits(layout_, program); }

	std::string note() const override
	{
		std::string layout = layout_ == SlabTracepointLayout::sized
					     ? "older slab tracepoints (kmalloc_node, kmem_cache_alloc_node)"
					     : "";
		return with_context_note(layout, preempt_count_readable_);
	}

private:
	std::vector<Metric> stats_metrics() const
	{
		auto raw = read_percpu_struct_array(map_fd(object(), "slab_counts"), KMH_SCOPE_SLOTS, sizeof(slab_stats));
		std::vector<Metric> metrics;
		for (unsigned slot = 0; slot < KMH_SCOPE_SLOTS; ++slot) {
			for (int cpu = 0; cpu < possible_cpu_count(); ++cpu) {
				slab_stats stats;
				std::memcpy(&stats, raw[slot].data() + cpu * sizeof(slab_stats), sizeof(stats));
				for (const SlabField &field : slab_fields)
					if (stats.*field.field)
						metrics.push_back({field.metric, slot_labels(cpu, slot),
								   double(stats.*field.field)});
			}
		}
		return metrics;
	}

	std::vector<Metric> size_bucket_metrics() const
	{
		auto counts = read_percpu_u64_array(map_fd(object(), "kmalloc_size_buckets"),
						    KMH_SCOPE_SLOTS * KMH_SIZE_BUCKETS);
		std::vector<Metric> metrics;
		for (unsigned slot = 0; slot < KMH_SCOPE_SLOTS; ++slot) {
			for (unsigned bucket = 0; bucket < KMH_SIZE_BUCKETS; ++bucket) {
				const auto &per_cpu = counts[slot * KMH_SIZE_BUCKETS + bucket];
				for (int cpu = 0; cpu < static_cast<int>(per_cpu.size()); ++cpu) {
					if (!per_cpu[cpu])
						continue;
					Labels labels = slot_labels(cpu, slot);
					labels["le"] = std::to_string(1ULL << bucket);
					metrics.push_back({"slab.kmalloc.size.events", labels, double(per_cpu[cpu])});
				}
			}
		}
		return metrics;
	}

	SlabTracepointLayout layout_;
	bool preempt_count_readable_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_slab_collector(const KernelFacts &facts)
{
	return std::make_unique<SlabCollector>(facts);
}

}  // namespace kmh
