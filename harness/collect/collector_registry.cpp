// The single registration table of BPF collectors: a new collector declares its factory and adds one entry here.
#include "collect/collector_registry.h"

#include "common/error.h"
#include "common/suggestion.h"

namespace kmh {

// Each defined in its collector's file.
std::unique_ptr<BpfCollector> make_page_alloc_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_pcp_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_pcp_batches_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_extfrag_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_fallback_choice_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_slab_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_malloc_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_faults_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_mmap_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_shm_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_hugetlb_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_vmscan_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_compaction_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_oom_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_swapin_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_callsite_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_migrate_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_usdt_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_pmc_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_brk_stacks_collector(const KernelFacts &facts);

const std::vector<CollectorDescriptor> &collector_registry()
{
	constexpr bool on = true;
	constexpr bool off = false;
	constexpr bool kmem = true;
	constexpr bool other = false;
	constexpr bool no_bpf_object = false;
	static const std::vector<CollectorDescriptor> registry = {
		{"page_alloc", on, kmem, {"page."}, make_page_alloc_collector},
		{"pcp", on, kmem, {"pcp."}, make_pcp_collector},
		{"extfrag", on, kmem, {"extfrag."}, make_extfrag_collector},
		{"slab", on, kmem, {"slab."}, make_slab_collector},
		{"malloc", off, other, {"malloc."}, make_malloc_collector},
		{"faults", off, other, {"faults."}, make_faults_collector},
		{"mmap", off, other, {"mmap."}, make_mmap_collector},
		{"shm", off, other, {"shm."}, make_shm_collector},
		{"hugetlb", off, other, {"hugetlb."}, make_hugetlb_collector},
		{"vmscan", off, other, {"vmscan."}, make_vmscan_collector},
		{"compaction", off, other, {"compaction."}, make_compaction_collector},
		{"oom", off, other, {"oom."}, make_oom_collector},
		{"swapin", off, other, {"swapin."}, make_swapin_collector},
		{"callsite", off, other, {"slab.callsite.", "slab.outstanding.", "page.outstanding."},
		 make_callsite_collector, true},
		{"migrate", off, other, {"migrate."}, make_migrate_collector},
		{"usdt", off, other, {"usdt."}, make_usdt_collector},
		{"pmc", off, other, {"pmc."}, make_pmc_collector, false, no_bpf_object},
		{"brk_stacks", off, other, {"brk."}, make_brk_stacks_collector},
		{"pcp_batches", off, other, {"pcp.batches.", "pcp.locks."}, make_pcp_batches_collector},
		{"fallback_choice", off, other, {"fallback."}, make_fallback_choice_collector},
	};
	return registry;
}

const CollectorDescriptor *find_collector(const std::string &name)
{
	for (const CollectorDescriptor &descriptor : collector_registry())
		if (descriptor.name == name)
			return &descriptor;
	return nullptr;
}

CollectorNames collector_names(const std::vector<CollectorDescriptor> &descriptors)
{
	CollectorNames names;
	for (const CollectorDescriptor &descriptor : descriptors) {
		names.accepted.push_back(descriptor.name);
		if (descriptor.on_by_default)
			names.defaults.push_back(descriptor.name);
	}
	return names;
}

std::vector<std::string> kmem_collector_names()
{
	std::vector<std::string> names;
	for (const CollectorDescriptor &descriptor : collector_registry())
		if (descriptor.kmem)
			names.push_back(descriptor.name);
	return names;
}

std::unique_ptr<BpfCollector> make_bpf_collector(const std::string &name, const KernelFacts &facts)
{
	if (const CollectorDescriptor *descriptor = find_collector(name))
		return descriptor->create(facts);
	throw invalid_input("unknown collector '" + name + "'; accepted: " +
			    quoted_list(collector_names(collector_registry()).accepted));
}

}  // namespace kmh
