// The swapin collector: reads from swap (calls and pages) per process and scope.
#include <optional>

#include "collect/bpf/kernel_btf.h"
#include "collect/bpf/kernel_probes.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/process/task_counter_reader.h"
#include "common/error.h"
#include "swapin.skel.h"

namespace kmh {

namespace {

// The kernel's swap read function: swap_read_folio (the folio conversion, v6.9 on) or
// swap_readpage (before), whichever its BTF has.
std::string swap_read_function()
{
	for (const char *function : {"swap_read_folio", "swap_readpage"})
		if (KernelBtf().has_function(function))
			return function;
	throw environment_error("collector swapin: this kernel's BTF has neither swap_read_folio() nor "
				"swap_readpage() (no CONFIG_SWAP, or no BTF at /sys/kernel/btf/vmlinux)");
}

// fentry where BPF trampolines work, else a kprobe. Whether fentry loads is only known by trying.
std::vector<AttachVariant> swapin_variants()
{
	std::vector<AttachVariant> variants = {AttachVariant::fentry};
	if (kernel_has_kprobes())
		variants.push_back(AttachVariant::kprobe);
	return variants;
}

class SwapinCollector : public SkeletonCollector<swapin_bpf> {
public:
	SwapinCollector()
		: SkeletonCollector("swapin", {swapin_bpf__open, swapin_bpf__load, swapin_bpf__destroy},
				    swapin_variants()),
		  function_(swap_read_function())
	{
	}

	std::vector<Metric> read() const override
	{
		std::vector<Metric> metrics;
		for (const auto &[key, tally] : read_task_counts<task_scope>(map_fd(object(), "swapin_counts"))) {
			Labels labels = task_labels(key);
			metrics.push_back({"swapin.read.events", labels, static_cast<double>(tally.events)});
			// The BPF side keeps pages in the tally's bytes member.
			metrics.push_back({"swapin.read.pages", labels, static_cast<double>(tally.bytes)});
		}
		return metrics;
	}

protected:
	bool wants_program(const ProgramName &program) const override { return program.event == function_; }

	std::string note() const override { return "swap reads probed at " + function_ + "()"; }

private:
	std::string function_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_swapin_collector(const KernelFacts &)
{
	return std::make_unique<SwapinCollector>();
}

}  // namespace kmh
