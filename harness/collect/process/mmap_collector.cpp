// The mmap collector: mmap, munmap and brk calls per process, scope and result, with the bytes they asked for.
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/process/task_counter_reader.h"
#include "collect/process/usermem_labels.h"
#include "mmap.h"
#include "mmap.skel.h"

namespace kmh {

namespace {

const char *call_name(std::uint32_t call)
{
	switch (call) {
	case KMH_MMAP_CALL_MMAP:
		return "mmap";
	case KMH_MMAP_CALL_MUNMAP:
		return "munmap";
	default:
		return "brk";
	}
}

const char *brk_change_name(std::uint32_t change)
{
	switch (change) {
	case KMH_BRK_GROW:
		return "grow";
	case KMH_BRK_SHRINK:
		return "shrink";
	default:
		return "none";
	}
}

class MmapCollector : public SkeletonCollector<mmap_bpf> {
public:
	MmapCollector()
		: SkeletonCollector("mmap", {mmap_bpf__open, mmap_bpf__load, mmap_bpf__destroy},
				    syscall_variants)
	{
	}

	std::vector<Metric> read() const override
	{
		std::vector<Metric> metrics;
		for (const auto &[key, tally] : read_task_counts<mmap_key>(map_fd(object(), "mmap_counts"))) {
			std::string family = std::string("mmap.") + call_name(key.call);
			Labels labels = task_labels(key.task);
			labels["result"] = result_label(key.error);
			if (key.call == KMH_MMAP_CALL_BRK)
				labels["change"] = brk_change_name(key.change);
			metrics.push_back({family + ".events", labels, static_cast<double>(tally.events)});
			metrics.push_back({family + ".bytes", labels, static_cast<double>(tally.bytes)});
		}
		return metrics;
	}
};

}  // namespace

std::unique_ptr<BpfCollector> make_mmap_collector(const KernelFacts &)
{
	return std::make_unique<MmapCollector>();
}

}  // namespace kmh
