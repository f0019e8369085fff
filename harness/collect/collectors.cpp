// The registration list of BPF collectors.
#include "collect/collectors.h"

#include <functional>
#include <utility>

#include "common/error.h"
#include "common/suggestion.h"

namespace kmh {

namespace {

using Factory = std::function<std::unique_ptr<BpfCollector>(const KernelFacts &)>;

const std::vector<std::pair<std::string, Factory>> &factories()
{
	static const std::vector<std::pair<std::string, Factory>> table = {
		{"page_alloc", make_page_alloc_collector},
		{"pcp", make_pcp_collector},
		{"extfrag", make_extfrag_collector},
		{"slab", make_slab_collector},
		{"malloc", make_malloc_collector},
		{"faults", make_faults_collector},
		{"mmap", make_mmap_collector},
		{"shm", make_shm_collector},
		{"hugetlb", make_hugetlb_collector},
		{"vmscan", make_vmscan_collector},
		{"compaction", make_compaction_collector},
		{"oom", make_oom_collector},
		{"swapin", make_swapin_collector},
	};
	return table;
}

}  // namespace

std::vector<std::string> bpf_collector_names()
{
	std::vector<std::string> names;
	for (const auto &entry : factories())
		names.push_back(entry.first);
	return names;
}

std::vector<std::string> kmem_collector_names()
{
	return {"page_alloc", "pcp", "extfrag", "slab"};
}

std::unique_ptr<BpfCollector> make_bpf_collector(const std::string &name, const KernelFacts &facts)
{
	for (const auto &[known, factory] : factories())
		if (known == name)
			return factory(facts);
	throw invalid_input("unknown collector '" + name + "'; accepted: " + quoted_list(bpf_collector_names()));
}

}  // namespace kmh
