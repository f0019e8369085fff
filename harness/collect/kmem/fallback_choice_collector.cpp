// The fallback_choice collector: at each migratetype fallback, whether a smaller or a larger fallback block was free.
#include <cstring>

#include "collect/bpf/hash_map_reader.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "fallback_choice.h"
#include "fallback_choice.skel.h"
#include "kmh_common.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

class FallbackChoiceCollector : public SkeletonCollector<fallback_choice_bpf> {
public:
	explicit FallbackChoiceCollector(const KernelFacts &facts)
		: SkeletonCollector("fallback_choice",
				    { fallback_choice_bpf__open, fallback_choice_bpf__load, fallback_choice_bpf__destroy },
				    { AttachVariant::tp_btf, AttachVariant::raw_tp }),
		  facts_(facts)
	{
	}

	std::vector<Metric> read() const override
	{
		std::vector<Metric> metrics;
		for (const RawMapEntry &entry : read_hash_map(map_fd(object(), "choice_counts"), sizeof(fallback_choice_key),
							      percpu_value_size(sizeof(std::uint64_t)))) {
			fallback_choice_key key;
			std::memcpy(&key, entry.key.data(), sizeof(key));
			double count = double(sum_percpu_u64(entry.value, sizeof(std::uint64_t), 0));
			if (key.lists == FALLBACK_LISTS_READ)
				metrics.push_back({ "fallback.choice.events", labels(key), count });
			else
				metrics.push_back({ "fallback.choice.unread", unread_labels(key), count });
		}
		return metrics;
	}

protected:
	std::string note() const override
	{
		return "free lists read at each mm_page_alloc_extfrag under the zone->lock; the zone found through "
		       "node_data and vmemmap_base, which need CONFIG_KALLSYMS_ALL";
	}

private:
	Labels labels(const fallback_choice_key &key) const
	{
		const MigratetypeNames &names = facts_.migratetypes;
		char zone[KMH_ZONE_NAME_LEN + 1] = {};
		std::memcpy(zone, key.zone, KMH_ZONE_NAME_LEN);
		return { { "scope", scope_label(key.scope) },
			 { "zone", zone },
			 { "alloc_order", std::to_string(key.alloc_order) },
			 { "fallback_order", std::to_string(key.fallback_order) },
			 { "below_half_pageblock", key.fallback_order < facts_.pageblock_order / 2 ? "1" : "0" },
			 { "alloc_migratetype", names.name(key.alloc_migratetype) },
			 { "fallback_migratetype", names.name(key.fallback_migratetype) },
			 { "smaller_free", std::to_string(key.smaller_free) },
			 { "larger_free", std::to_string(key.larger_free) } };
	}

	Labels unread_labels(const fallback_choice_key &key) const
	{
		static const char *const reasons[] = { "read", "no_symbols", "no_zone", "other_type" };
		int reason = key.lists >= 0 && key.lists <= FALLBACK_LISTS_OTHER_TYPE ? key.lists : 0;
		return { { "scope", scope_label(key.scope) },
			 { "alloc_migratetype", facts_.migratetypes.name(key.alloc_migratetype) },
			 { "reason", reasons[reason] } };
	}

	static std::string scope_label(int scope) { return scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system; }

	KernelFacts facts_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_fallback_choice_collector(const KernelFacts &facts)
{
	return std::make_unique<FallbackChoiceCollector>(facts);
}

}  // namespace kmh
