// The pcp_batches collector: per CPU, refill and drain batches (runs of events) beside the zone->lock acquisitions that made them.
#include <array>

#include "collect/bpf/kernel_btf.h"
#include "collect/bpf/kernel_probes.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "common/error.h"
#include "pcp_batches.h"
#include "pcp_batches.skel.h"

namespace kmh {

namespace {

// The functions whose calls are lock acquisitions, with the metric each gives.
struct LockFunction {
	const char *function;
	const char *metric;
	pcp_batch_count slot;
};

constexpr std::array<LockFunction, 2> lock_functions = { {
	{ "rmqueue_bulk", "pcp.locks.refill", PCP_REFILL_LOCKS },
	{ "free_pcppages_bulk", "pcp.locks.drain", PCP_DRAIN_LOCKS },
} };

// How the lock functions are probed, best first; none when the kernel takes neither.
enum class LockProbe { fentry, kprobe, none };

class PcpBatchesCollector : public SkeletonCollector<pcp_batches_bpf> {
public:
	PcpBatchesCollector()
		: SkeletonCollector("pcp_batches", { pcp_batches_bpf__open, pcp_batches_bpf__load, pcp_batches_bpf__destroy },
				    { AttachVariant::tp_btf, AttachVariant::raw_tp, AttachVariant::tracepoint })
	{
		KernelBtf btf;
		has_free_batched_ = btf.has_tracepoint("mm_page_free_batched");
		for (const LockFunction &lock : lock_functions)
			probed_[lock.slot] = btf.has_function(lock.function);
	}

	// fentry, else kprobe, else without the lock counts: the collector starts again each time
	// the kernel refuses a probe, and says why in its note.
	void start(const CollectorSettings &settings) override
	{
		probe_ = LockProbe::fentry;
		refusals_.clear();
		for (;;) {
			try {
				SkeletonCollector::start(settings);
				return;
			} catch (const Error &error) {
				if (probe_ == LockProbe::none)
					throw;
				refusals_ += std::string(probe_name()) + " refused; ";
				probe_ = probe_ == LockProbe::fentry && kernel_has_kprobes() ? LockProbe::kprobe
											  : LockProbe::none;
			}
		}
	}

	std::vector<Metric> read() const override
	{
		// counts[slot][cpu]
		auto counts = read_percpu_u64_array(map_fd(object(), "batch_counts"), PCP_BATCH_COUNTS);
		std::vector<Metric> metrics;
		for (int cpu = 0; cpu < possible_cpu_count(); ++cpu) {
			Labels labels = { { "cpu", std::to_string(cpu) } };
			metrics.push_back({ "pcp.batches.refill", labels, double(counts[PCP_REFILL_BATCHES][cpu]) });
			metrics.push_back({ "pcp.batches.drain", labels, double(counts[PCP_DRAIN_BATCHES][cpu]) });
			for (const LockFunction &lock : lock_functions)
				if (probing(lock))
					metrics.push_back({ lock.metric, labels, double(counts[lock.slot][cpu]) });
		}
		return metrics;
	}

protected:
	bool wants_program(const ProgramName &program) const override
	{
		if (program.event == "mm_page_free_batched")
			return has_free_batched_;
		for (const LockFunction &lock : lock_functions)
			if (program.event == lock.function)
				return probing(lock) && program.layout == probe_name();
		return true;
	}

	std::string note() const override
	{
		std::string note;
		for (const LockFunction &lock : lock_functions)
			if (!probed_[lock.slot])
				note += std::string(lock.function) + "() is not in this kernel's BTF (inlined): no " +
					lock.metric + "; ";
		if (probe_ == LockProbe::none)
			note += "no lock acquisitions counted: " + refusals_;
		else
			note += std::string("lock acquisitions by ") + probe_name();
		return note;
	}

private:
	bool probing(const LockFunction &lock) const { return probed_[lock.slot] && probe_ != LockProbe::none; }
	const char *probe_name() const { return probe_ == LockProbe::fentry ? "fentry" : "kprobe"; }

	bool has_free_batched_ = false;
	std::array<bool, PCP_BATCH_COUNTS> probed_{};
	LockProbe probe_ = LockProbe::fentry;
	std::string refusals_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_pcp_batches_collector(const KernelFacts &)
{
	return std::make_unique<PcpBatchesCollector>();
}

}  // namespace kmh
