// The BPF collectors kmemharness ships, created by name.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "collect/bpf_collector.h"
#include "collect/migratetype_names.h"

namespace kmh {

// What collectors need to know about the kernel to label their metrics.
struct KernelFacts {
	MigratetypeNames migratetypes;
	int pageblock_order = 9;  // from /proc/pagetypeinfo "Page block order"
	bool preempt_count_readable = true;  // kallsyms lists the per-CPU preempt count (event contexts)
};

// Reads BTF, /proc/pagetypeinfo and /proc/kallsyms (defaults where they are missing).
KernelFacts read_kernel_facts();

// The names make_bpf_collector() accepts (page_alloc, pcp, ...), in registration order.
std::vector<std::string> bpf_collector_names();

// The collectors of the kmem and page allocator events (page_alloc, pcp, extfrag, slab): the ones
// the overhead benchmark measures. The others count per process, at other events.
std::vector<std::string> kmem_collector_names();

// Throws invalid_input for an unknown name.
std::unique_ptr<BpfCollector> make_bpf_collector(const std::string &name, const KernelFacts &facts);

std::unique_ptr<BpfCollector> make_page_alloc_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_pcp_collector(const KernelFacts &facts);
std::unique_ptr<BpfCollector> make_extfrag_collector(const KernelFacts &facts);
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

}  // namespace kmh
