// The kmem tracepoint list shared by every traced variant of the overhead benchmark.
#include "kmem_tracepoints.h"

namespace kmh {

const std::vector<std::string> &kmem_tracepoints()
{
	static const std::vector<std::string> names{
		"mm_page_alloc",      "mm_page_free",          "mm_page_free_batched", "mm_page_alloc_zone_locked",
		"mm_page_pcpu_drain", "mm_page_alloc_extfrag", "kmalloc",              "kfree",
		"kmem_cache_alloc",   "kmem_cache_free"};
	return names;
}

std::string perf_event_list()
{
	std::string list;
	for (const std::string &name : kmem_tracepoints())
		list += (list.empty() ? "kmem:" : ",kmem:") + name;
	return list;
}

std::string bpftrace_probe_list()
{
	std::string probes;
	for (const std::string &name : kmem_tracepoints())
		probes += (probes.empty() ? "tracepoint:kmem:" : ",tracepoint:kmem:") + name;
	return probes;
}

std::string bpftrace_counting_program()
{
	return "BEGIN { printf(\"ready\\n\"); } " + bpftrace_probe_list() + " { @[probe, cpu] = count(); }";
}

}  // namespace kmh
