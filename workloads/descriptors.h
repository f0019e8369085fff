// One describe_<kind>() per workload file; registry.cpp collects them into the registration table.
#pragma once

#include "workloads/workload.h"

namespace kmh {

WorkloadDescriptor describe_anon_fault();
WorkloadDescriptor describe_pcp_bounce();
WorkloadDescriptor describe_page_cache();
WorkloadDescriptor describe_fragment();
WorkloadDescriptor describe_stress_ng();
WorkloadDescriptor describe_kmod();
WorkloadDescriptor describe_malloc_leak();
WorkloadDescriptor describe_mmap_brk();
WorkloadDescriptor describe_shm_pair();
WorkloadDescriptor describe_hugetlb();
WorkloadDescriptor describe_memory_pressure();
WorkloadDescriptor describe_oom_provoker();
WorkloadDescriptor describe_compact();
WorkloadDescriptor describe_migrate_pages();
WorkloadDescriptor describe_swap_in();
WorkloadDescriptor describe_libc_probes();

}  // namespace kmh
