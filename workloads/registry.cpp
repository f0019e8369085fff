// The single registration table of userspace workloads; a new workload adds one line here.
#include "workloads/descriptors.h"

namespace kmh {

const std::vector<WorkloadDescriptor> &workload_registry()
{
	static const std::vector<WorkloadDescriptor> registry = {
		describe_anon_fault(),
		describe_pcp_bounce(),
		describe_page_cache(),
		describe_fragment(),
		describe_stress_ng(),
		describe_kmod(),
		describe_malloc_leak(),
		describe_mmap_brk(),
		describe_shm_pair(),
		describe_hugetlb(),
		describe_memory_pressure(),
		describe_oom_provoker(),
		describe_compact(),
		describe_swap_in(),
		describe_migrate_pages(),
		describe_libc_probes(),
	};
	return registry;
}

const WorkloadDescriptor *find_workload(const std::string &kind)
{
	for (const WorkloadDescriptor &descriptor : workload_registry())
		if (descriptor.schema.kind == kind)
			return &descriptor;
	return nullptr;
}

const WorkloadSchema *find_workload_schema(const std::string &kind)
{
	const WorkloadDescriptor *descriptor = find_workload(kind);
	return descriptor ? &descriptor->schema : nullptr;
}

std::vector<std::string> workload_kinds()
{
	std::vector<std::string> kinds;
	for (const WorkloadDescriptor &descriptor : workload_registry())
		kinds.push_back(descriptor.schema.kind);
	return kinds;
}

}  // namespace kmh
