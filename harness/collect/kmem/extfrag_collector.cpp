// The extfrag collector: migratetype fallbacks with their orders, fragmenting and change_ownership.
#include <bpf/bpf.h>

#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/kmem/event_context.h"
#include "collect/kmem/no_preempt_count_skeletons.h"
#include "collect/kmem/preempt_count_symbol.h"
#include "extfrag.h"
#include "extfrag.skel.h"
#include "kmh_common.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

class ExtfragCollector : public SkeletonCollector<extfrag_bpf> {
public:
	explicit ExtfragCollector(const KernelFacts &facts)
		: SkeletonCollector("extfrag",
				    {facts.preempt_count_readable ? extfrag_bpf__open : open_extfrag_without_preempt_count,
				     extfrag_bpf__load, extfrag_bpf__destroy},
				    {AttachVariant::tracepoint, AttachVariant::tp_btf, AttachVariant::raw_tp}),
		  facts_(facts)
	{
	}

	std::vector<Metric> read() const override
	{
		int fd = map_fd(object(), "extfrag_counts");
		std::vector<Metric> metrics;
		extfrag_key key{}, next{};
		extfrag_key *previous = nullptr;
		std::vector<std::uint64_t> per_cpu(possible_cpu_count());
		while (bpf_map_get_next_key(fd, previous, &next) == 0) {
			key = next;
			previous = &key;
			if (bpf_map_lookup_elem(fd, &key, per_cpu.data()) != 0)
				continue;
			for (int cpu = 0; cpu < static_cast<int>(per_cpu.size()); ++cpu)
				if (per_cpu[cpu])
					metrics.push_back({"extfrag.events", labels(key, cpu), double(per_cpu[cpu])});
		}
		return metrics;
	}

protected:
	std::string note() const override
	{
		std::string ownership = variant() == AttachVariant::tracepoint
						? ""
						: "change_ownership is only known to the classic tracepoint; labelled unknown";
		return with_context_note(ownership, facts_.preempt_count_readable);
	}

private:
	Labels labels(const extfrag_key &key, int cpu) const
	{
		const MigratetypeNames &names = facts_.migratetypes;
		return {{"cpu", std::to_string(cpu)},
			{"alloc_order", std::to_string(key.alloc_order)},
			{"fallback_order", std::to_string(key.fallback_order)},
			{"alloc_migratetype", names.name(key.alloc_migratetype)},
			{"fallback_migratetype", names.name(key.fallback_migratetype)},
			{"fragmenting", key.fallback_order < facts_.pageblock_order ? "1" : "0"},
			{"change_ownership", ownership_label(key.change_ownership)},
			{"scope", key.scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system},
			{"context", context_label(key.context)}};
	}

	static std::string ownership_label(int value)
	{
		return value == KMH_OWNERSHIP_UNKNOWN ? "unknown" : std::to_string(value);
	}

	KernelFacts facts_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_extfrag_collector(const KernelFacts &facts)
{
	return std::make_unique<ExtfragCollector>(facts);
}

}  // namespace kmh
