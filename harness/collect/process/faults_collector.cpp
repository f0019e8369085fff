// The faults collector: page faults per process and scope, raised in user or kernel mode, and their rates.
#include <chrono>

#include "collect/bpf/kernel_btf.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/process/task_counter_reader.h"
#include "common/error.h"
#include "faults.h"
#include "faults.skel.h"

namespace kmh {

namespace {

using Clock = std::chrono::steady_clock;

// exceptions:page_fault_user and page_fault_kernel are x86's (arch/x86/mm/fault.c).
void require_fault_tracepoints()
{
	KernelBtf btf;
	if (btf.loaded() && !btf.has_tracepoint("page_fault_user"))
		throw environment_error("collector faults: this kernel has no exceptions:page_fault_user and "
					"exceptions:page_fault_kernel tracepoints (only x86 has them)");
}

class FaultsCollector : public SkeletonCollector<faults_bpf> {
public:
	FaultsCollector()
		: SkeletonCollector("faults", {faults_bpf__open, faults_bpf__load, faults_bpf__destroy},
				    {AttachVariant::tp_btf, AttachVariant::raw_tp, AttachVariant::tracepoint})
	{
	}

	void start(const CollectorSettings &settings) override
	{
		require_fault_tracepoints();
		SkeletonCollector::start(settings);
		started_ = Clock::now();
	}

	void stop() override
	{
		if (!stopped_)
			stopped_ = Clock::now();
		SkeletonCollector::stop();
	}

	std::vector<Metric> read() const override
	{
		double seconds = std::chrono::duration<double>(stopped_.value_or(Clock::now()) - started_).count();
		std::vector<Metric> metrics{{"faults.window.seconds", {}, seconds}};
		for (const auto &[key, tally] : read_task_counts<fault_key>(map_fd(object(), "fault_counts"))) {
			std::string mode = key.mode == KMH_FAULT_KERNEL ? "kernel" : "user";
			Labels labels = task_labels(key.task);
			double events = static_cast<double>(tally.events);
			metrics.push_back({"faults." + mode + ".events", labels, events});
			if (seconds > 0)
				metrics.push_back({"faults." + mode + ".events_per_second", labels, events / seconds});
		}
		return metrics;
	}

private:
	Clock::time_point started_;
	std::optional<Clock::time_point> stopped_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_faults_collector(const KernelFacts &)
{
	return std::make_unique<FaultsCollector>();
}

}  // namespace kmh
