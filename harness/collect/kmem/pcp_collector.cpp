// The pcp collector: per-CPU list refills, direct buddy allocations and drains.
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/kmem/no_preempt_count_skeletons.h"
#include "collect/kmem/page_counter_metrics.h"
#include "collect/kmem/preempt_count_symbol.h"
#include "pcp.skel.h"

namespace kmh {

namespace {

class PcpCollector : public SkeletonCollector<pcp_bpf> {
public:
	explicit PcpCollector(const KernelFacts &facts)
		: SkeletonCollector("pcp",
				    {facts.preempt_count_readable ? pcp_bpf__open : open_pcp_without_preempt_count,
				     pcp_bpf__load, pcp_bpf__destroy},
				    {AttachVariant::tp_btf, AttachVariant::raw_tp, AttachVariant::tracepoint}),
		  facts_(facts)
	{
	}

	std::vector<Metric> read() const override
	{
		const MigratetypeNames &names = facts_.migratetypes;
		std::vector<Metric> metrics;
		for (auto [map, metric] : {std::pair{"refill_counts", "pcp.refill.events"},
					   std::pair{"direct_counts", "pcp.direct.events"},
					   std::pair{"drain_counts", "pcp.drain.events"}}) {
			auto part = page_counter_metrics(map_fd(object(), map), metric,
							 PageLabels::order_and_migratetype, names);
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

std::unique_ptr<BpfCollector> make_pcp_collector(const KernelFacts &facts)
{
	return std::make_unique<PcpCollector>(facts);
}

}  // namespace kmh
