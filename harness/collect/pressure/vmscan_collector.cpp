// The vmscan collector: direct and memcg reclaim, slab shrinking, kswapd wakeups, writeback, per process.
#include "collect/bpf/kernel_btf.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/pressure/process_stats_metrics.h"
#include "vmscan.h"
#include "vmscan.skel.h"

namespace kmh {

namespace {

// writeback_pages: whether the programs loaded see the written folios' sizes (vmscan.writepage.pages).
std::vector<ProcessFamily> vmscan_families(bool writeback_pages)
{
	return {
		{VMSCAN_DIRECT_RECLAIM, "vmscan.direct_reclaim.events", "vmscan.direct_reclaim.pages", "vmscan.direct_reclaim", ""},
		{VMSCAN_MEMCG_RECLAIM, "vmscan.memcg_reclaim.events", "vmscan.memcg_reclaim.pages", "vmscan.memcg_reclaim", ""},
		{VMSCAN_SHRINK_SLAB, "vmscan.shrink_slab.events", "vmscan.shrink_slab.objects", "vmscan.shrink_slab", ""},
		{VMSCAN_KSWAPD_WAKEUP, "vmscan.kswapd_wakeup.events", "", "", ""},
		{VMSCAN_WRITEPAGE, "vmscan.writepage.events", writeback_pages ? "vmscan.writepage.pages" : "", "", ""},
	};
}

class VmscanCollector : public SkeletonCollector<vmscan_bpf> {
public:
	VmscanCollector()
		: SkeletonCollector("vmscan", {vmscan_bpf__open, vmscan_bpf__load, vmscan_bpf__destroy},
				    {AttachVariant::tp_btf, AttachVariant::raw_tp, AttachVariant::tracepoint}),
		  write_folio_(KernelBtf().has_tracepoint("mm_vmscan_write_folio"))
	{
	}

	std::vector<Metric> read() const override
	{
		return process_stats_metrics(read_process_stats(map_fd(object(), "process_stats")),
					     vmscan_families(writeback_pages()));
	}

protected:
	// Linux 5.19 renamed mm_vmscan_writepage to mm_vmscan_write_folio: load the one this kernel has.
	bool wants_program(const ProgramName &program) const override
	{
		if (program.event == "mm_vmscan_write_folio")
			return write_folio_;
		if (program.event == "mm_vmscan_writepage")
			return !write_folio_;
		return true;
	}

	std::string note() const override
	{
		if (!write_folio_)
			return "writeback counted with mm_vmscan_writepage, in events only (no vmscan.writepage.pages)";
		if (!writeback_pages())
			return "no vmscan.writepage.pages: the classic tracepoint gives a written folio's pfn, not its size";
		return "";
	}

private:
	// The tp_btf and raw_tp programs of mm_vmscan_write_folio read the folio, and so its pages.
	bool writeback_pages() const { return write_folio_ && variant() != AttachVariant::tracepoint; }

	bool write_folio_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_vmscan_collector(const KernelFacts &)
{
	return std::make_unique<VmscanCollector>();
}

}  // namespace kmh
