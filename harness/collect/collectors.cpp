// The registration list of BPF collectors.
#include "collect/collectors.h"

#include <functional>
#include <map>

#include "common/error.h"

namespace kmh {

namespace {

using Factory = std::function<std::unique_ptr<BpfCollector>(const KernelFacts &)>;

const std::map<std::string, Factory> &factories()
{
	static const std::map<std::string, Factory> table = {
		{"page_alloc", make_page_alloc_collector},
		{"pcp", make_pcp_collector},
		{"extfrag", make_extfrag_collector},
		{"slab", make_slab_collector},
	};
	return table;
}

}  // namespace

const std::vector<std::string> &bpf_collector_names()
{
	static const std::vector<std::string> names = {"page_alloc", "pcp", "extfrag", "slab"};
	return names;
}

std::unique_ptr<BpfCollector> make_bpf_collector(const std::string &name, const KernelFacts &facts)
{
	auto found = factories().find(name);
	if (found == factories().end())
		throw invalid_input("unknown collector '" + name + "'; accepted: page_alloc, pcp, extfrag, slab");
	return found->second(facts);
}

}  // namespace kmh
