// The metric catalog; docs/metrics.md describes the same families for people.
#include "metrics/catalog.h"

namespace kmh {

namespace {

const std::vector<std::string> page_labels = {"cpu", "order", "migratetype", "scope", "context"};
const std::vector<std::string> free_labels = {"cpu", "order", "scope", "context"};
const std::vector<std::string> slab_labels = {"cpu", "scope", "context"};
const std::vector<std::string> process_labels = {"comm", "scope"};
const std::vector<std::string> extfrag_labels = {"cpu", "alloc_order", "fallback_order", "alloc_migratetype",
						 "fallback_migratetype", "fragmenting", "change_ownership", "scope",
						 "context"};
const std::vector<std::string> malloc_comm_labels = {"comm", "scope"};
const std::vector<std::string> malloc_stack_labels = {"stack", "scope"};

// faults, mmap, shm, hugetlb: per process (comm) and scope, summed over CPUs.
std::vector<MetricFamily> usermem_families()
{
	const std::vector<std::string> task = {"comm", "scope"};
	const std::vector<std::string> call = {"comm", "scope", "result"};
	const std::vector<std::string> brk = {"comm", "scope", "result", "change"};
	const std::vector<std::string> shm = {"comm", "scope", "result", "key", "size"};
	const std::vector<std::string> shmctl = {"comm", "scope", "result", "key", "size", "cmd"};
	const std::vector<std::string> hugetlb = {"comm", "scope", "mapping"};
	return {
		{"faults.user.events", task, "events", "faults", "page faults taken in user mode (exceptions:page_fault_user, x86)"},
		{"faults.kernel.events", task, "events", "faults", "page faults taken in kernel mode, e.g. in copy_to_user (exceptions:page_fault_kernel, x86)"},
		{"faults.user.events_per_second", task, "events/s", "faults", "faults.user.events divided by faults.window.seconds"},
		{"faults.kernel.events_per_second", task, "events/s", "faults", "faults.kernel.events divided by faults.window.seconds"},
		{"faults.window.seconds", {}, "seconds", "faults", "how long the faults collector was attached: the window its rates are over"},
		{"mmap.mmap.events", call, "events", "mmap", "mmap() calls, by result"},
		{"mmap.mmap.bytes", call, "bytes", "mmap", "the length argument of those mmap() calls"},
		{"mmap.munmap.events", call, "events", "mmap", "munmap() calls, by result"},
		{"mmap.munmap.bytes", call, "bytes", "mmap", "the length argument of those munmap() calls"},
		{"mmap.brk.events", brk, "events", "mmap", "brk() calls, by result and by whether they asked to grow or shrink the heap"},
		{"mmap.brk.bytes", brk, "bytes", "mmap", "how far those brk() calls asked to move the break: |new - old|"},
		{"shm.shmget.events", shm, "events", "shm", "shmget() calls, by the key and size asked for and the result"},
		{"shm.shmat.events", shm, "events", "shm", "shmat() calls, by the segment's key and size and the result"},
		{"shm.shmdt.events", shm, "events", "shm", "shmdt() calls, by the segment's key and size and the result"},
		{"shm.shmctl.events", shmctl, "events", "shm", "shmctl() calls, by command, the segment's key and size and the result"},
		{"hugetlb.fault.events", hugetlb, "events", "hugetlb", "faults on hugetlb mappings (hugetlb_fault()), by the file behind the mapping"},
		{"hugetlb.cow.events", hugetlb, "events", "hugetlb", "copy-on-write faults on hugetlb mappings (hugetlb_wp(), hugetlb_cow() before v6.1); also counted in hugetlb.fault.events"},
		{"hugetlb.unclassified.events", task, "events", "hugetlb", "tp_btf variant: page faults whose vma bpf_find_vma() could not look up (mmap_lock contended)"},
	};
}

// <prefix>.total_ns, .max_ns, .latency_ns and .overall_latency_ns of a begin/end pair timed per process.
void add_latency_families(std::vector<MetricFamily> &c, const std::string &prefix, const std::string &source,
			  const std::string &what)
{
	c.push_back({prefix + ".total_ns", process_labels, "ns", source, "time spent in " + what + ", summed, per process"});
	c.push_back({prefix + ".max_ns", process_labels, "ns", source, "the longest single " + what + ", per process"});
	c.push_back({prefix + ".latency_ns", {"comm", "scope", "quantile"}, "ns", source, "p50/p90/p99 of the time spent in one " + what + ", per process, from a log2 histogram"});
	c.push_back({prefix + ".overall_latency_ns", {"scope", "quantile"}, "ns", source, "p50/p90/p99 of the time spent in one " + what + ", all processes together"});
}

// The vmscan, compaction and oom collectors.
void add_pressure_families(std::vector<MetricFamily> &c)
{
	c.push_back({"vmscan.direct_reclaim.events", process_labels, "events", "vmscan", "direct reclaim runs by the allocating task (mm_vmscan_direct_reclaim_begin/end)"});
	c.push_back({"vmscan.direct_reclaim.pages", process_labels, "pages", "vmscan", "pages direct reclaim freed (mm_vmscan_direct_reclaim_end nr_reclaimed)"});
	add_latency_families(c, "vmscan.direct_reclaim", "vmscan", "direct reclaim");
	c.push_back({"vmscan.memcg_reclaim.events", process_labels, "events", "vmscan", "memory cgroup reclaim runs by the charging task (mm_vmscan_memcg_reclaim_begin/end)"});
	c.push_back({"vmscan.memcg_reclaim.pages", process_labels, "pages", "vmscan", "pages memcg reclaim freed (mm_vmscan_memcg_reclaim_end nr_reclaimed)"});
	add_latency_families(c, "vmscan.memcg_reclaim", "vmscan", "memcg reclaim");
	c.push_back({"vmscan.shrink_slab.events", process_labels, "events", "vmscan", "shrinker calls (mm_shrink_slab_start/end)"});
	c.push_back({"vmscan.shrink_slab.objects", process_labels, "objects", "vmscan", "objects shrinkers freed (mm_shrink_slab_end)"});
	add_latency_families(c, "vmscan.shrink_slab", "vmscan", "a shrinker call");
	c.push_back({"vmscan.kswapd_wakeup.events", process_labels, "events", "vmscan", "kswapd wakeups, by the waking task (mm_vmscan_wakeup_kswapd)"});
	c.push_back({"vmscan.writepage.events", process_labels, "events", "vmscan", "folios reclaim wrote out (mm_vmscan_write_folio, or mm_vmscan_writepage)"});
	c.push_back({"vmscan.writepage.pages", process_labels, "pages", "vmscan", "pages of the folios reclaim wrote out (mm_vmscan_write_folio, folio_nr_pages())"});
	c.push_back({"compaction.begin.events", process_labels, "events", "compaction", "compact_zone() runs started (mm_compaction_begin)"});
	c.push_back({"compaction.end.events", {"comm", "scope", "status"}, "events", "compaction", "compact_zone() runs ended, by result (mm_compaction_end status, enum compact_result)"});
	add_latency_families(c, "compaction", "compaction", "compact_zone() run");
	c.push_back({"compaction.migrate.events", process_labels, "events", "compaction", "migration batches (mm_compaction_migratepages)"});
	c.push_back({"compaction.migrated.pages", process_labels, "pages", "compaction", "pages compaction migrated (mm_compaction_migratepages nr_migrated)"});
	c.push_back({"compaction.migrate_failed.pages", process_labels, "pages", "compaction", "pages compaction failed to migrate (mm_compaction_migratepages nr_failed)"});
	c.push_back({"compaction.isolated_migrate.pages", process_labels, "pages", "compaction", "pages isolated for migration (mm_compaction_isolate_migratepages nr_taken)"});
	c.push_back({"compaction.isolated_free.pages", process_labels, "pages", "compaction", "free pages isolated as targets (mm_compaction_isolate_freepages and _fast_isolate_freepages nr_taken)"});
	c.push_back({"compaction.defer.events", {"comm", "scope", "order"}, "events", "compaction", "compaction deferred after a failure (mm_compaction_defer_compaction)"});
	c.push_back({"compaction.deferred.events", {"comm", "scope", "order"}, "events", "compaction", "compaction skipped while deferred (mm_compaction_deferred)"});
	c.push_back({"compaction.direct.events", {"comm", "scope", "order"}, "events", "compaction", "direct compaction attempts (mm_compaction_try_to_compact_pages)"});
	c.push_back({"compaction.suitable.events", {"comm", "scope", "zone", "order", "result"}, "events", "compaction", "compaction_suitable() verdicts on a zone for an order (mm_compaction_suitable): result not_suitable_zone where the zone's fragmentation index is within vm.extfrag_threshold, skipped below the watermarks, continue where it compacts"});
	c.push_back({"compaction.kcompactd_wake.events", process_labels, "events", "compaction", "kcompactd runs (mm_compaction_kcompactd_wake)"});
	c.push_back({"compaction.kcompactd_wakeup.events", process_labels, "events", "compaction", "kcompactd wakeups, by the waking task (mm_compaction_wakeup_kcompactd)"});
	c.push_back({"oom.kills.events", {"comm", "constraint", "scope"}, "events", "oom", "OOM kills by victim comm and constraint (oom/mark_victim inside oom_kill_process)"});
	c.push_back({"oom.victim_rss.bytes", {"comm", "constraint", "scope"}, "bytes", "oom", "resident memory (anon + file + shmem) of the OOM victims when they were chosen"});
}

// swapin: reads from swap per process (comm) and scope, summed over CPUs.
std::vector<MetricFamily> swapin_families()
{
	const std::vector<std::string> task = {"comm", "scope"};
	return {
		{"swapin.read.events", task, "events", "swapin", "calls of the kernel's swap read function (swap_read_folio(), swap_readpage() before v6.9): faulting pages and swap readahead"},
		{"swapin.read.pages", task, "pages", "swapin", "pages those calls read: folio_nr_pages() of each folio, 1 per page"},
	};
}

// usdt: hits of the scenario's USDT probes per workload, with an argument summed or bucketed.
std::vector<MetricFamily> usdt_families()
{
	const std::vector<std::string> probe = {"workload", "probe", "binary"};
	const std::vector<std::string> arg = {"workload", "probe", "binary", "arg"};
	const std::vector<std::string> bucket = {"workload", "probe", "binary", "arg", "le"};
	return {
		{"usdt.probe.hits", probe, "events", "usdt", "hits of a [[collect.usdt]] probe in a workload's process (0 for a probe attached that never fired)"},
		{"usdt.probe.arg_sum", arg, "value", "usdt", "the sum of argument `arg` over those hits (aggregate as = \"sum\"), as unsigned 64-bit numbers"},
		{"usdt.probe.arg_log2.hits", bucket, "events", "usdt", "those hits by argument `arg` in power-of-two buckets labelled by their upper bound `le` (aggregate as = \"log2\")"},
		{"usdt.probe.arg_unreadable.hits", {"probe", "binary"}, "events", "usdt", "hits whose argument could not be read (not counted in the aggregates)"},
	};
}

// pmc: hardware counters of each workload process and what it starts (perf_event_open, inherited).
std::vector<MetricFamily> pmc_families()
{
	const std::vector<std::string> counter = {"workload", "event"};
	return {
		{"pmc.events", counter, "events", "pmc", "a hardware event counted in a workload's process, its threads and children (cycles, instructions, cache_misses, l1d_loads, l1d_stores where the PMU has them), scaled up when multiplexed"},
		{"pmc.running_fraction", counter, "ratio", "pmc", "the share of the window the counter was on the PMU (1: not multiplexed)"},
	};
}

// brk_stacks: the workload's brk() calls by the user stack that made them.
std::vector<MetricFamily> brk_stack_families()
{
	const std::vector<std::string> stack = {"stack", "change", "result"};
	return {
		{"brk.stack.calls", stack, "events", "brk_stacks", "brk() calls of the workload processes by user stack, direction (grow, shrink, none) and result"},
		{"brk.stack.bytes", stack, "bytes", "brk_stacks", "how far those calls asked to move the break: |new - old|"},
	};
}

// callsite: slab allocations by the kernel function that made them, and what is still outstanding.
std::vector<MetricFamily> callsite_families()
{
	const std::vector<std::string> site = {"callsite", "op", "cache", "scope", "context"};
	const std::vector<std::string> pages = {"callsite", "order", "migratetype", "scope", "context"};
	return {
		{"slab.callsite.events", site, "events", "callsite", "kmalloc and kmem_cache_alloc calls by call site (the calling kernel function, from kallsyms), op and cache; the top [collect] callsites per scope, the rest as callsite=other"},
		{"slab.callsite.bytes_req", site, "bytes", "callsite", "bytes those calls asked for"},
		{"slab.callsite.bytes_alloc", site, "bytes", "callsite", "bytes those calls were handed (size class, or object size with metadata)"},
		{"slab.callsite.waste", site, "bytes", "callsite", "bytes_alloc - bytes_req of those calls: internal fragmentation"},
		{"slab.callsite.cross_cpu_frees", site, "events", "callsite", "objects of the call site freed on another CPU than the one that allocated them (allocated while attached)"},
		{"slab.callsite.map_full_events", {"map"}, "events", "callsite", "events a full BPF map had no room for: callsite_stats (counted as callsite=other), live_objects (not followed to their free); 0 when everything was tracked"},
		{"slab.outstanding.objects", site, "count", "callsite", "slab objects allocated while attached and not freed at readout, by call site"},
		{"slab.outstanding.bytes", site, "bytes", "callsite", "bytes_alloc of those objects"},
		{"page.outstanding.pages", pages, "pages", "callsite", "pages (2^order per block) allocated while attached and not freed at readout, by order, migratetype and the first kernel function on the stack outside the page allocator"},
		{"page.outstanding.map_full_events", {"map"}, "events", "callsite", "page allocations a full BPF map had no room for: live_pages (not followed to their free), page_stacks (callsite=unknown)"},
	};
}

// migrate: migrate_pages() calls by reason and mode, per process (comm) and scope.
void add_migrate_families(std::vector<MetricFamily> &c)
{
	const std::vector<std::string> call = {"comm", "scope", "reason", "mode"};
	c.push_back({"migrate.events", call, "events", "migrate", "migrate_pages() calls (mm_migrate_pages), by reason (enum migrate_reason) and mode (enum migrate_mode)"});
	c.push_back({"migrate.succeeded.pages", call, "pages", "migrate", "base pages those calls migrated (mm_migrate_pages succeeded; /proc/vmstat pgmigrate_success)"});
	c.push_back({"migrate.failed.pages", call, "pages", "migrate", "base pages those calls tried and failed to migrate (mm_migrate_pages failed; /proc/vmstat pgmigrate_fail)"});
	c.push_back({"migrate.thp_succeeded.folios", call, "folios", "migrate", "transparent huge pages migrated whole (thp_succeeded)"});
	c.push_back({"migrate.thp_failed.folios", call, "folios", "migrate", "transparent huge pages that failed to migrate, split ones included (thp_failed)"});
	c.push_back({"migrate.thp_split.folios", call, "folios", "migrate", "transparent huge pages split to migrate their base pages (thp_split)"});
	c.push_back({"migrate.large_folio_split.folios", call, "folios", "migrate", "large folios split to migrate their base pages (large_folio_split, on kernels whose tracepoint has it)"});
	add_latency_families(c, "migrate.call", "migrate", "a migrate_pages() call (mm_migrate_pages_start to mm_migrate_pages)");
}

std::vector<MetricFamily> build_catalog()
{
	std::vector<MetricFamily> c = {
		{"page.alloc.events", page_labels, "events", "page_alloc", "pages handed out by the buddy allocator (mm_page_alloc), one event per allocation of 2^order pages"},
		{"page.alloc.failures", page_labels, "events", "page_alloc", "mm_page_alloc events that returned no page"},
		{"page.free.events", free_labels, "events", "page_alloc", "pages freed (mm_page_free); the tracepoint carries no migratetype"},
		{"page.free_batched.events", slab_labels, "events", "page_alloc", "order-0 pages freed in batches (mm_page_free_batched)"},
		{"pcp.refill.events", page_labels, "events", "pcp", "pages moved from the buddy lists to a per-CPU list (mm_page_alloc_zone_locked, percpu_refill=1)"},
		{"pcp.direct.events", page_labels, "events", "pcp", "pages taken from the buddy lists under the zone lock, bypassing the per-CPU lists (mm_page_alloc_zone_locked, percpu_refill=0)"},
		{"pcp.drain.events", page_labels, "events", "pcp", "pages returned from a per-CPU list to the buddy lists (mm_page_pcpu_drain)"},
		{"pcp.batches.refill", {"cpu"}, "batches", "pcp_batches", "runs of consecutive refill events on the CPU, ended by any other page event there"},
		{"pcp.batches.drain", {"cpu"}, "batches", "pcp_batches", "runs of consecutive drain events on the CPU, ended by any other page event there"},
		{"pcp.locks.refill", {"cpu"}, "acquisitions", "pcp_batches", "rmqueue_bulk() calls on the CPU, each one zone->lock acquisition; absent where the kernel inlines it (6.12) or refuses fentry and kprobes"},
		{"pcp.locks.drain", {"cpu"}, "acquisitions", "pcp_batches", "free_pcppages_bulk() calls on the CPU, each one zone->lock acquisition; absent where the kernel refuses fentry and kprobes"},
		{"extfrag.events", extfrag_labels, "events", "extfrag", "allocations that fell back to another migratetype's free lists (mm_page_alloc_extfrag)"},
		{"fallback.choice.events", {"scope", "zone", "alloc_order", "fallback_order", "below_half_pageblock", "alloc_migratetype", "fallback_migratetype", "smaller_free", "larger_free"}, "events", "fallback_choice", "migratetype fallbacks (mm_page_alloc_extfrag) by what the other types' free lists of the zone held then: smaller_free=1 when a block of an order from the requested one up to below the one split was free there, larger_free=1 when one above it was"},
		{"fallback.choice.unread", {"scope", "alloc_migratetype", "reason"}, "events", "fallback_choice", "fallbacks whose free lists could not be read: no_symbols (kallsyms has no node_data or vmemmap_base: CONFIG_KALLSYMS_ALL unset), no_zone, other_type (a type outside the fallback table)"},
		{"slab.kmalloc.events", slab_labels, "events", "slab", "kmalloc calls (kmalloc, and kmalloc_node where the kernel still has it)"},
		{"slab.kmalloc.bytes_req", slab_labels, "bytes", "slab", "bytes asked for by kmalloc calls"},
		{"slab.kmalloc.bytes_alloc", slab_labels, "bytes", "slab", "bytes actually handed out by kmalloc calls (size class)"},
		{"slab.kmalloc.duplicate_events", slab_labels, "events", "slab", "second kmem:kmalloc firings of one kmalloc call (same ptr and sizes, back to back on one CPU), left out of slab.kmalloc.*"},
		{"slab.kmalloc.size.events", {"cpu", "scope", "context", "le"}, "events", "slab", "kmalloc calls by bytes_alloc, in power-of-two buckets labelled by their upper bound `le`"},
		{"slab.kfree.events", slab_labels, "events", "slab", "kfree calls"},
		{"slab.cache_alloc.events", slab_labels, "events", "slab", "kmem_cache_alloc calls (and kmem_cache_alloc_node where present)"},
		{"slab.cache_alloc.bytes_req", slab_labels, "bytes", "slab", "object bytes asked for by kmem_cache_alloc calls"},
		{"slab.cache_alloc.bytes_alloc", slab_labels, "bytes", "slab", "bytes handed out by kmem_cache_alloc calls (object size with metadata)"},
		{"slab.cache_free.events", slab_labels, "events", "slab", "kmem_cache_free calls"},
		{"malloc.alloc.events", malloc_comm_labels, "events", "malloc", "libc allocations that returned a block (malloc, calloc, realloc, memalign, aligned_alloc, valloc, pvalloc, posix_memalign), by the allocating thread's comm"},
		{"malloc.alloc.bytes", malloc_comm_labels, "bytes", "malloc", "bytes requested by those allocations (calloc: count x size)"},
		{"malloc.free.events", malloc_comm_labels, "events", "malloc", "free() of a non-NULL pointer, and the old block of every successful realloc() of one"},
		{"malloc.mmapped.events", malloc_comm_labels, "events", "malloc", "allocations glibc served with a mapping of their own (IS_MMAPPED in the chunk header); part of malloc.alloc.events"},
		{"malloc.mmapped.bytes", malloc_comm_labels, "bytes", "malloc", "bytes requested by those allocations"},
		{"malloc.untracked.events", malloc_comm_labels, "events", "malloc", "allocations counted but not tracked to their free: the outstanding map was full"},
		{"malloc.outstanding.allocations", malloc_comm_labels, "count", "malloc", "allocations made while the collector was attached and not freed at readout, by the allocating comm"},
		{"malloc.outstanding.bytes", malloc_comm_labels, "bytes", "malloc", "bytes of those allocations"},
		{"malloc.leak.allocations", malloc_stack_labels, "count", "malloc", "allocations not freed at readout, by user stack"},
		{"malloc.leak.bytes", malloc_stack_labels, "bytes", "malloc", "bytes of allocations not freed at readout, by user stack"},
		{"malloc.stack.alloc.events", malloc_stack_labels, "events", "malloc", "allocations by user stack, freed or not"},
		{"malloc.stack.alloc.bytes", malloc_stack_labels, "bytes", "malloc", "bytes requested by allocations by user stack, freed or not"},
	};
	for (const char *when : {"before", "after", "delta"}) {
		std::string w = when;
		c.push_back({"pagetypeinfo.free." + w, {"node", "zone", "order", "migratetype"}, "blocks", "pagetypeinfo", "free blocks of 2^order pages per migratetype (/proc/pagetypeinfo), " + w});
		c.push_back({"pagetypeinfo.pageblocks." + w, {"node", "zone", "migratetype"}, "count", "pagetypeinfo", "pageblocks owned by each migratetype (/proc/pagetypeinfo), " + w});
		c.push_back({"buddyinfo.free." + w, {"node", "zone", "order"}, "blocks", "buddyinfo", "free blocks of 2^order pages (/proc/buddyinfo), " + w});
		c.push_back({"slabinfo.active_objs." + w, {"cache"}, "count", "slabinfo", "active objects per slab cache (/proc/slabinfo), " + w});
		c.push_back({"slabinfo.num_objs." + w, {"cache"}, "count", "slabinfo", "allocated objects per slab cache (/proc/slabinfo), " + w});
		c.push_back({"slabinfo.pages." + w, {"cache"}, "pages", "slabinfo", "pages held by each slab cache: num_slabs x pagesperslab (/proc/slabinfo), " + w});
		c.push_back({"zoneinfo.pcp.count." + w, {"node", "zone", "cpu"}, "pages", "zoneinfo", "pages on the CPU's per-CPU lists of the zone (/proc/zoneinfo pagesets), " + w});
		c.push_back({"zoneinfo.pcp.high." + w, {"node", "zone", "cpu"}, "pages", "zoneinfo", "the lists' high mark: over it a free drains them (/proc/zoneinfo pagesets), " + w});
		c.push_back({"zoneinfo.pcp.high_max." + w, {"node", "zone", "cpu"}, "pages", "zoneinfo", "the most pages the lists may hold: high_max where the kernel auto-tunes high, else high (/proc/zoneinfo pagesets), " + w});
		c.push_back({"zoneinfo.pcp.batch." + w, {"node", "zone", "cpu"}, "pages", "zoneinfo", "pages moved per refill or drain (/proc/zoneinfo pagesets), " + w});
		c.push_back({"extfrag_index." + w, {"node", "zone", "order"}, "index", "extfrag_index", "the zone's fragmentation index for a request of 2^order pages, as printed (0.000 to 1.000; -1.000: a free block of that order exists); x1000 is what compaction_suitable() compares with vm.extfrag_threshold (debugfs extfrag/extfrag_index), " + w});
		c.push_back({"unusable_index." + w, {"node", "zone", "order"}, "index", "unusable_index", "the share of the zone's free memory in blocks smaller than 2^order pages, as printed (0.000 to 1.000) (debugfs extfrag/unusable_index), " + w});
	}
	c.push_back({"meminfo.*", {}, "bytes", "meminfo", "every /proc/meminfo field as meminfo.<Field>.before/.after/.delta; kB fields in bytes, counts as they are"});
	c.push_back({"vmstat.*", {}, "count", "vmstat", "every /proc/vmstat counter as vmstat.<name>.before/.after/.delta"});
	c.push_back({"sysctl.*", {}, "", sysctl_source, "sysctl.<name> (sysctl.vm.extfrag_threshold): the value in effect during the run of a single-integer sysctl the scenario sets or an assertion names", false});
	for (MetricFamily &family : usermem_families())
		c.push_back(std::move(family));
	add_pressure_families(c);
	for (MetricFamily &family : swapin_families())
		c.push_back(std::move(family));
	for (MetricFamily &family : callsite_families())
		c.push_back(std::move(family));
	add_migrate_families(c);
	for (MetricFamily &family : usdt_families())
		c.push_back(std::move(family));
	for (MetricFamily &family : pmc_families())
		c.push_back(std::move(family));
	for (MetricFamily &family : brk_stack_families())
		c.push_back(std::move(family));
	return c;
}

bool has_suffix(const std::string &text, const std::string &suffix)
{
	return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool is_snapshot_phase_name(const std::string &name)
{
	return has_suffix(name, ".before") || has_suffix(name, ".after") || has_suffix(name, ".delta");
}

}  // namespace

const std::vector<MetricFamily> &metric_catalog()
{
	static const std::vector<MetricFamily> catalog = build_catalog();
	return catalog;
}

const MetricFamily *find_metric_family(const std::string &name)
{
	for (const MetricFamily &family : metric_catalog()) {
		if (family.name == name)
			return &family;
		if (is_kernel_keyed_family(family)) {
			std::string prefix = family.name.substr(0, family.name.size() - 1);
			if (name.size() > prefix.size() && name.rfind(prefix, 0) == 0 &&
			    (!family.phased || is_snapshot_phase_name(name)))
				return &family;
		}
	}
	return nullptr;
}

bool is_kernel_keyed_family(const MetricFamily &family)
{
	return !family.name.empty() && family.name.back() == '*';
}

}  // namespace kmh
