// The hugetlb collector: hugetlb faults and copy-on-write faults per process, scope and mapping.
#include <optional>

#include "collect/bpf/kernel_btf.h"
#include "collect/bpf/kernel_probes.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/process/task_counter_reader.h"
#include "collect/process/usermem_labels.h"
#include "common/error.h"
#include "hugetlb.h"
#include "hugetlb.skel.h"

namespace kmh {

namespace {

// The kernel function of the copy-on-write path and how its arguments reach the vma.
struct CowProbe {
	std::string function;  // hugetlb_wp or hugetlb_cow
	std::string layout;    // "vmf": hugetlb_wp(struct vm_fault *); "vma": the vma is the second argument
	std::size_t arguments = 0;
};

// hugetlb_wp (v6.1 on) or hugetlb_cow (before), told apart by name and first parameter in BTF.
std::optional<CowProbe> find_cow_probe()
{
	for (const char *function : {"hugetlb_wp", "hugetlb_cow"}) {
		auto parameters = KernelBtf().function_parameters(function);
		if (!parameters || parameters->empty())
			continue;
		if (parameters->front() == "vmf")
			return CowProbe{function, "vmf", parameters->size()};
		if (parameters->size() >= 2 && (*parameters)[1] == "vma")
			return CowProbe{function, "vma", parameters->size()};
	}
	return std::nullopt;
}

// Debian 6.1's hugetlb_wp() has 7 arguments: its fentry program loads there but fails to attach
// (ENOTSUPP), since that kernel's x86 BPF trampoline takes at most 6. A kprobe reads registers.
constexpr std::size_t trampoline_arguments = 6;

bool fits_a_trampoline(const std::optional<CowProbe> &cow)
{
	return !cow || cow->arguments <= trampoline_arguments;
}

// fentry on hugetlb_fault() where BPF trampolines work, else a kprobe, else (x86) the page fault
// tracepoints with a vma lookup. Whether fentry loads is only known by trying.
std::vector<AttachVariant> hugetlb_variants(const std::optional<CowProbe> &cow)
{
	std::vector<AttachVariant> variants;
	if (KernelBtf().has_function("hugetlb_fault")) {
		if (fits_a_trampoline(cow))
			variants.push_back(AttachVariant::fentry);
		if (kernel_has_kprobes())
			variants.push_back(AttachVariant::kprobe);
	}
	if (KernelBtf().has_tracepoint("page_fault_user"))
		variants.push_back(AttachVariant::tp_btf);
	if (variants.empty())
		throw environment_error("collector hugetlb: this kernel has no hugetlb_fault() in its BTF (no "
					"CONFIG_HUGETLB_PAGE, or no BTF) and no x86 page fault tracepoints to fall back on");
	return variants;
}

class HugetlbCollector : public SkeletonCollector<hugetlb_bpf> {
public:
	HugetlbCollector() : HugetlbCollector(find_cow_probe()) {}

	explicit HugetlbCollector(std::optional<CowProbe> cow)
		: SkeletonCollector("hugetlb", {hugetlb_bpf__open, hugetlb_bpf__load, hugetlb_bpf__destroy},
				    hugetlb_variants(cow)),
		  cow_(std::move(cow))
	{
	}

	std::vector<Metric> read() const override
	{
		std::vector<Metric> metrics;
		for (const auto &[key, tally] : read_task_counts<hugetlb_key>(map_fd(object(), "hugetlb_counts"))) {
			Labels labels = task_labels(key.task);
			if (key.kind != KMH_HUGETLB_UNCLASSIFIED)
				labels["mapping"] = hugetlb_mapping_label(key.mapping, sizeof(key.mapping));
			metrics.push_back({family_of(key.kind), labels, static_cast<double>(tally.events)});
		}
		return metrics;
	}

protected:
	bool wants_program(const ProgramName &program) const override
	{
		if (program.layout.empty())
			return true;
		return cow_ && program.event == cow_->function && program.layout == cow_->layout;
	}

	std::string note() const override
	{
		if (variant() == AttachVariant::tp_btf)
			return "x86 page fault tracepoints, VM_HUGETLB vmas found with bpf_find_vma(); "
			       "copy-on-write = write faults on present pages of private ones";
		if (!cow_)
			return "no hugetlb_wp() or hugetlb_cow() in the kernel's BTF: copy-on-write faults not counted";
		return "copy-on-write faults probed at " + cow_->function + "() (" + cow_->layout + " layout)";
	}

private:
	static const char *family_of(std::uint32_t kind)
	{
		switch (kind) {
		case KMH_HUGETLB_COW:
			return "hugetlb.cow.events";
		case KMH_HUGETLB_UNCLASSIFIED:
			return "hugetlb.unclassified.events";
		default:
			return "hugetlb.fault.events";
		}
	}

	std::optional<CowProbe> cow_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_hugetlb_collector(const KernelFacts &)
{
	return std::make_unique<HugetlbCollector>();
}

}  // namespace kmh
