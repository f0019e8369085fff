// The shm collector: System V shared memory calls per process, scope, result, segment key and size.
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/process/task_counter_reader.h"
#include "collect/process/usermem_labels.h"
#include "shm.h"
#include "shm.skel.h"

namespace kmh {

namespace {

const char *call_name(std::uint32_t call)
{
	switch (call) {
	case KMH_SHM_CALL_SHMGET:
		return "shmget";
	case KMH_SHM_CALL_SHMAT:
		return "shmat";
	case KMH_SHM_CALL_SHMDT:
		return "shmdt";
	default:
		return "shmctl";
	}
}

Labels shm_labels(const shm_key &key)
{
	Labels labels = task_labels(key.task);
	labels["result"] = result_label(key.error);
	labels["key"] = key.known ? ipc_key_label(key.ipc_key) : "unknown";
	labels["size"] = key.known ? std::to_string(key.size) : "unknown";
	if (key.cmd != KMH_SHM_NO_CMD)
		labels["cmd"] = shmctl_cmd_label(key.cmd);
	return labels;
}

class ShmCollector : public SkeletonCollector<shm_bpf> {
public:
	ShmCollector()
		: SkeletonCollector("shm", {shm_bpf__open, shm_bpf__load, shm_bpf__destroy},
				    syscall_variants)
	{
	}

	std::vector<Metric> read() const override
	{
		std::vector<Metric> metrics;
		for (const auto &[key, tally] : read_task_counts<shm_key>(map_fd(object(), "shm_counts")))
			metrics.push_back({std::string("shm.") + call_name(key.call) + ".events", shm_labels(key),
					   static_cast<double>(tally.events)});
		return metrics;
	}
};

}  // namespace

std::unique_ptr<BpfCollector> make_shm_collector(const KernelFacts &)
{
	return std::make_unique<ShmCollector>();
}

}  // namespace kmh
