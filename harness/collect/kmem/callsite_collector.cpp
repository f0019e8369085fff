// The callsite collector: slab allocations by call site and cache, cross-CPU frees, and what is still outstanding at the end.
#include <bpf/bpf.h>

#include <array>
#include <cstring>

#include "callsite.h"
#include "callsite.skel.h"
#include "collect/bpf/hash_map_reader.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/kmem/callsite_folding.h"
#include "collect/kmem/event_context.h"
#include "collect/kmem/kernel_symbols.h"
#include "collect/kmem/no_preempt_count_skeletons.h"
#include "collect/kmem/page_stack_top.h"
#include "collect/kmem/preempt_count_symbol.h"
#include "collect/kmem/slab_layout.h"
#include "kmh_common.h"
#include "metrics/catalog.h"

namespace kmh {

namespace {

const char *op_label(unsigned op)
{
	return op == KMH_CALLSITE_OP_KMALLOC ? "kmalloc" : "kmem_cache_alloc";
}

Labels scope_labels(unsigned scope_slot)
{
	unsigned scope = scope_slot / KMH_CONTEXTS;
	return {{"scope", scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system},
		{"context", context_label(scope_slot % KMH_CONTEXTS)}};
}

// The scope slots a live allocation counts in: always system, and workload when it was the workload's.
std::vector<unsigned> live_scope_slots(__u32 context, __u32 workload)
{
	std::vector<unsigned> slots = {kmh_scope_slot(KMH_SCOPE_SYSTEM, context)};
	if (workload)
		slots.push_back(kmh_scope_slot(KMH_SCOPE_WORKLOAD, context));
	return slots;
}

void add_stats_metrics(std::vector<Metric> &metrics, Labels labels, const callsite_stats &stats)
{
	if (stats.events) {
		metrics.push_back({"slab.callsite.events", labels, double(stats.events)});
		metrics.push_back({"slab.callsite.bytes_req", labels, double(stats.bytes_req)});
		metrics.push_back({"slab.callsite.bytes_alloc", labels, double(stats.bytes_alloc)});
		metrics.push_back({"slab.callsite.waste", labels, double(stats.bytes_alloc) - double(stats.bytes_req)});
	}
	if (stats.cross_cpu_frees)
		metrics.push_back({"slab.callsite.cross_cpu_frees", labels, double(stats.cross_cpu_frees)});
}

// The per-CPU copies of one callsite_stats value, added up.
callsite_stats summed_stats(const std::vector<std::uint8_t> &value)
{
	callsite_stats sum{};
	std::array<__u64 *, 4> fields = {&sum.events, &sum.bytes_req, &sum.bytes_alloc, &sum.cross_cpu_frees};
	for (std::size_t i = 0; i < fields.size(); ++i)
		*fields[i] = sum_percpu_u64(value, sizeof(callsite_stats), i);
	return sum;
}

class CallsiteCollector : public SkeletonCollector<callsite_bpf> {
public:
	explicit CallsiteCollector(const KernelFacts &facts)
		: SkeletonCollector("callsite",
				    {facts.preempt_count_readable ? callsite_bpf__open : open_callsite_without_preempt_count,
				     callsite_bpf__load, callsite_bpf__destroy},
				    {AttachVariant::tp_btf, AttachVariant::raw_tp}),
		  facts_(facts),
		  layout_(detect_slab_layout())
	{
	}

	void start(const CollectorSettings &settings) override
	{
		callsites_ = static_cast<std::size_t>(settings.callsites);
		SkeletonCollector::start(settings);
	}

	std::vector<Metric> read() const override
	{
		KernelSymbols symbols = KernelSymbols::running_kernel();
		std::map<__u64, std::string> caches = cache_names();
		std::vector<Metric> metrics = fold_callsites(stats_metrics(symbols, caches), "slab.callsite.events", callsites_);
		for (const Metric &metric : fold_callsites(outstanding_object_metrics(symbols, caches),
							   "slab.outstanding.objects", callsites_))
			metrics.push_back(metric);
		for (const Metric &metric : fold_callsites(outstanding_page_metrics(symbols), "page.outstanding.pages",
							   callsites_))
			metrics.push_back(metric);
		for (const Metric &metric : drop_metrics())
			metrics.push_back(metric);
		return metrics;
	}

protected:
	bool wants_program(const ProgramName &program) const override { return slab_program_fits(layout_, program); }

	std::string note() const override
	{
		std::string note = "top " + std::to_string(callsites_) + " call sites per scope, the rest as callsite=other";
		if (layout_ == SlabTracepointLayout::sized)
			note += "; older slab tracepoints: kmem_cache_alloc passes no cache, so no cache label";
		return with_context_note(note, facts_.preempt_count_readable);
	}

private:
	std::map<__u64, std::string> cache_names() const
	{
		std::map<__u64, std::string> names;
		for (const auto &[cache, name] : read_hash_map<__u64, std::array<char, KMH_CACHE_NAME_LEN>>(
			     map_fd(object(), "cache_names")))
			names[cache] = std::string(name.data(), strnlen(name.data(), name.size()));
		return names;
	}

	Labels allocation_labels(const KernelSymbols &symbols, const std::map<__u64, std::string> &caches, __u64 call_site,
				 __u64 cache, unsigned op, unsigned scope_slot) const
	{
		Labels labels = scope_labels(scope_slot);
		labels["callsite"] = symbols.name_of(call_site);
		labels["op"] = op_label(op);
		if (auto found = caches.find(cache); found != caches.end())
			labels["cache"] = found->second;
		return labels;
	}

	std::vector<Metric> stats_metrics(const KernelSymbols &symbols, const std::map<__u64, std::string> &caches) const
	{
		std::vector<Metric> metrics;
		std::size_t value_size = percpu_value_size(sizeof(callsite_stats));
		for (const RawMapEntry &entry :
		     read_hash_map(map_fd(object(), "callsite_stats"), sizeof(callsite_key), value_size)) {
			callsite_key key;
			std::memcpy(&key, entry.key.data(), sizeof(key));
			add_stats_metrics(metrics,
					  allocation_labels(symbols, caches, key.call_site, key.cache, key.op, key.scope_slot),
					  summed_stats(entry.value));
		}
		auto overflow = read_percpu_struct_array(map_fd(object(), "overflow_stats"),
							 KMH_CALLSITE_OPS * KMH_SCOPE_SLOTS, sizeof(callsite_stats));
		for (unsigned slot = 0; slot < overflow.size(); ++slot) {
			Labels labels = scope_labels(slot % KMH_SCOPE_SLOTS);
			labels["callsite"] = other_callsite;
			labels["op"] = op_label(slot / KMH_SCOPE_SLOTS);
			add_stats_metrics(metrics, labels, summed_stats(overflow[slot]));
		}
		return metrics;
	}

	std::vector<Metric> outstanding_object_metrics(const KernelSymbols &symbols,
						       const std::map<__u64, std::string> &caches) const
	{
		std::vector<Metric> metrics;
		for (const auto &[address, object] : read_hash_map<__u64, live_object>(map_fd(object(), "live_objects"))) {
			for (unsigned slot : live_scope_slots(object.context, object.workload)) {
				Labels labels = allocation_labels(symbols, caches, object.call_site, object.cache,
								  object.op, slot);
				metrics.push_back({"slab.outstanding.objects", labels, 1});
				metrics.push_back({"slab.outstanding.bytes", labels, double(object.bytes_alloc)});
			}
		}
		return merge_equal_series(metrics);
	}

	std::string page_site(int stacks_fd, __s64 stack_id, const KernelSymbols &symbols) const
	{
		std::array<__u64, KMH_CALLSITE_STACK_DEPTH> ips{};
		__u32 id = static_cast<__u32>(stack_id);
		if (stack_id < 0 || bpf_map_lookup_elem(stacks_fd, &id, ips.data()) != 0)
			return "unknown";
		std::vector<std::string> frames;
		for (__u64 ip : ips) {
			if (!ip)
				break;
			frames.push_back(symbols.name_of(ip));
		}
		return page_allocation_site(frames);
	}

	std::vector<Metric> outstanding_page_metrics(const KernelSymbols &symbols) const
	{
		int stacks_fd = map_fd(object(), "page_stacks");
		std::map<__s64, std::string> sites;
		std::vector<Metric> metrics;
		for (const auto &[address, block] : read_hash_map<__u64, live_page>(map_fd(object(), "live_pages"))) {
			if (!sites.count(block.stack_id))
				sites[block.stack_id] = page_site(stacks_fd, block.stack_id, symbols);
			for (unsigned slot : live_scope_slots(block.context, block.workload)) {
				Labels labels = scope_labels(slot);
				labels["order"] = std::to_string(block.order);
				labels["migratetype"] = facts_.migratetypes.name(static_cast<int>(block.migratetype));
				labels["callsite"] = sites[block.stack_id];
				metrics.push_back({"page.outstanding.pages", labels, double(1ULL << block.order)});
			}
		}
		return merge_equal_series(metrics);
	}

	std::vector<Metric> drop_metrics() const
	{
		auto raw = read_percpu_struct_array(map_fd(object(), "callsite_drops"), 1, sizeof(callsite_drops));
		auto total = [&](std::size_t field) { return double(sum_percpu_u64(raw[0], sizeof(callsite_drops), field)); };
		return {
			{"slab.callsite.map_full_events", {{"map", "callsite_stats"}}, total(0)},
			{"slab.callsite.map_full_events", {{"map", "live_objects"}}, total(1)},
			{"page.outstanding.map_full_events", {{"map", "live_pages"}}, total(2)},
			{"page.outstanding.map_full_events", {{"map", "page_stacks"}}, total(3)},
		};
	}

	KernelFacts facts_;
	SlabTracepointLayout layout_;
	std::size_t callsites_ = callsites_default;
};

}  // namespace

std::unique_ptr<BpfCollector> make_callsite_collector(const KernelFacts &facts)
{
	return std::make_unique<CallsiteCollector>(facts);
}

}  // namespace kmh
