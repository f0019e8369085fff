// The page_alloc collector: mm_page_alloc, mm_page_free and mm_page_free_batched counts.
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/kmem/no_preempt_count_skeletons.h"
#include "collect/kmem/page_counter_metrics.h"
#include "collect/kmem/preempt_count_symbol.h"
#include "page_alloc.skel.h"

namespace kmh {

namespace {

class PageAllocCollector : public SkeletonCollector<page_alloc_bpf> {
public:
	explicit PageAllocCollector(const KernelFacts &facts)
		: SkeletonCollector("page_alloc",
				    {facts.preempt_count_readable ? page_alloc_bpf__open : open_page_alloc_without_preempt_count,
				     page_alloc_bpf__load, page_alloc_bpf__destroy},
				    {AttachVariant::tp_btf, AttachVariant::raw_tp, AttachVariant::tracepoint}),
		  facts_(facts)
	{
	}

	std::vector<Metric> read() const override
	{
		struct Source {
			const char *map;
			const char *metric;
			PageLabels labels;
		};
		static const Source sources[] = {
			{"alloc_counts", "page.alloc.events", PageLabels::order_and_migratetype},
			{"alloc_failures", "page.alloc.failures", PageLabels::order_and_migratetype},
			{"free_counts", "page.free.events", PageLabels::order_only},
			{"free_batched_counts", "page.free_batched.events", PageLabels::none},
		};
		std::vector<Metric> metrics;
		for (const Source &source : sources) {
			auto part = page_counter_metrics(map_fd(object(), source.map), source.metric, source.labels,
							 facts_.migratetypes);
			metrics.insert(metrics.end(), part.begin(), part.end());
		}
		return metrics;
	}

protected:
	std::string note() const override { return context_note(facts_.preempt_count_readable); }

private:
	KernelFacts facts_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_page_alloc_collector(const KernelFacts &facts)
{
	return std::make_unique<PageAllocCollector>(facts);
}

}  // namespace kmh
