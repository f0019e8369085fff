// The single registration table of BPF collectors; a new collector adds its entry here.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "collect/bpf_collector.h"
#include "collect/kernel_facts.h"
#include "scenario/collector_names.h"

namespace kmh {

struct CollectorDescriptor {
	std::string name;  // as [collect] collectors names it; its BPF object is bpf/<name>.bpf.c
	// Runs when [collect] names no collectors. The others are off unless named: malloc's uprobes
	// slow every allocation down; the rest watch other sources than the allocators.
	bool on_by_default = false;
	// Watches the kmem and page allocator events: the overhead benchmark measures these, and they
	// are built a second time without the preempt-count read (KMH_CONTEXT_COLLECTORS in CMakeLists.txt).
	bool kmem = false;
	// Every metric family it provides starts with one of these, e.g. "page." (the catalog's source is
	// `name`). A family belongs to the collector with the longest prefix it starts with.
	std::vector<std::string> metric_prefixes;
	std::function<std::unique_ptr<BpfCollector>(const KernelFacts &)> create;
	// Labels events with their context (task, softirq, …) from the preempt count, as every kmem
	// collector does: built a second time without the read as well (KMH_CONTEXT_COLLECTORS).
	bool context_label = false;
	// Built on a bpf/<name>.bpf.c; false for a collector on perf_event_open alone (pmc).
	bool bpf_object = true;
};

const std::vector<CollectorDescriptor> &collector_registry();
const CollectorDescriptor *find_collector(const std::string &name);

// What the scenario parser accepts and defaults to, from a descriptor table.
CollectorNames collector_names(const std::vector<CollectorDescriptor> &descriptors);

// The registered kmem collectors (page_alloc, pcp, extfrag, slab), in registration order.
std::vector<std::string> kmem_collector_names();

// Throws invalid_input for an unknown name.
std::unique_ptr<BpfCollector> make_bpf_collector(const std::string &name, const KernelFacts &facts);

}  // namespace kmh
