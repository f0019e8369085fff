// The compaction collector: zone compaction runs by result, pages isolated and migrated, deferrals, kcompactd.
#include <algorithm>
#include <cctype>
#include <map>

#include "collect/bpf/kernel_btf.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/pressure/process_stats_metrics.h"
#include "compaction.h"
#include "compaction.skel.h"

namespace kmh {

namespace {

enum class MigrateLayout {
	counts,      // (nr_migratepages, nr_succeeded), kernels after 6.8
	control,     // (cc, nr_succeeded), 5.19 to 6.8: the "__cc" programs
	page_list,   // (nr_all, migrate_rc, migratepages), up to 5.15: only the classic tracepoint fits
};

MigrateLayout migrate_layout(const KernelBtf &btf)
{
	std::optional<std::vector<bool>> pointers = btf.tracepoint_pointer_arguments("mm_compaction_migratepages");
	if (!pointers || pointers->size() != 2)
		return MigrateLayout::page_list;
	return (*pointers)[0] ? MigrateLayout::control : MigrateLayout::counts;
}

// enum compact_result from BTF, "COMPACT_PARTIAL_SKIPPED" as "partial_skipped".
std::map<int, std::string> compact_result_names(const KernelBtf &btf)
{
	std::map<int, std::string> names;
	for (auto [enumerator, value] : btf.enumerators("compact_result")) {
		std::string name = enumerator.rfind("COMPACT_", 0) == 0 ? enumerator.substr(8) : enumerator;
		std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
		names[static_cast<int>(value)] = name;
	}
	return names;
}

// enum zone_type from BTF, named as the kernel prints zones (mm/page_alloc.c zone_names[]).
std::map<int, std::string> zone_names(const KernelBtf &btf)
{
	static const std::map<std::string, std::string> printed = {
		{"ZONE_DMA", "DMA"},         {"ZONE_DMA32", "DMA32"},     {"ZONE_NORMAL", "Normal"},
		{"ZONE_HIGHMEM", "HighMem"}, {"ZONE_MOVABLE", "Movable"}, {"ZONE_DEVICE", "Device"},
	};
	std::map<int, std::string> names;
	for (auto [enumerator, value] : btf.enumerators("zone_type")) {
		auto found = printed.find(enumerator);
		if (found != printed.end())
			names[static_cast<int>(value)] = found->second;
	}
	return names;
}

std::string named(const std::map<int, std::string> &names, int value, const std::string &fallback_prefix)
{
	auto found = names.find(value);
	return found == names.end() ? fallback_prefix + std::to_string(value) : found->second;
}

std::vector<ProcessFamily> compaction_families(std::map<int, std::string> status_names, std::map<int, std::string> zones)
{
	auto status = [status_names](int value) { return named(status_names, value, "status_"); };
	// COMPACTION_SUITABLE_DETAIL(zone_idx, order, result)
	auto suitable = [status_names, zones = std::move(zones)](int detail) {
		return Labels{{"zone", named(zones, (detail >> 16) & 0xff, "zone_")},
			      {"order", std::to_string((detail >> 8) & 0xff)},
			      {"result", named(status_names, detail & 0xff, "status_")}};
	};
	std::vector<ProcessFamily> families = {
		{COMPACTION_BEGIN, "compaction.begin.events", "", "", ""},
		{COMPACTION_RUN, "compaction.end.events", "", "compaction", "status", status},
		{COMPACTION_MIGRATED, "compaction.migrate.events", "compaction.migrated.pages", "", ""},
		{COMPACTION_MIGRATE_FAILED, "", "compaction.migrate_failed.pages", "", ""},
		{COMPACTION_ISOLATED_MIGRATE, "", "compaction.isolated_migrate.pages", "", ""},
		{COMPACTION_ISOLATED_FREE, "", "compaction.isolated_free.pages", "", ""},
		{COMPACTION_DEFER, "compaction.defer.events", "", "", "order"},
		{COMPACTION_DEFERRED, "compaction.deferred.events", "", "", "order"},
		{COMPACTION_DIRECT, "compaction.direct.events", "", "", "order"},
		{COMPACTION_KCOMPACTD_WAKE, "compaction.kcompactd_wake.events", "", "", ""},
		{COMPACTION_KCOMPACTD_WAKEUP, "compaction.kcompactd_wakeup.events", "", "", ""},
	};
	ProcessFamily suitable_family{COMPACTION_SUITABLE, "compaction.suitable.events", "", "", ""};
	suitable_family.detail_labels = suitable;
	families.push_back(std::move(suitable_family));
	return families;
}

class CompactionCollector : public SkeletonCollector<compaction_bpf> {
public:
	explicit CompactionCollector(const KernelBtf &btf)
		: SkeletonCollector("compaction", {compaction_bpf__open, compaction_bpf__load, compaction_bpf__destroy},
				    {AttachVariant::tp_btf, AttachVariant::raw_tp, AttachVariant::tracepoint}),
		  layout_(migrate_layout(btf)), families_(compaction_families(compact_result_names(btf), zone_names(btf))),
		  fast_isolate_(btf.has_tracepoint("mm_compaction_fast_isolate_freepages"))
	{
	}

	std::vector<Metric> read() const override
	{
		return process_stats_metrics(read_process_stats(map_fd(object(), "process_stats")), families_);
	}

protected:
	bool wants_program(const ProgramName &program) const override
	{
		if (program.event == "mm_compaction_fast_isolate_freepages")
			return fast_isolate_;
		if (program.event != "mm_compaction_migratepages" || program.variant == variant_name(AttachVariant::tracepoint))
			return true;
		if (program.layout == "cc")
			return layout_ == MigrateLayout::control;
		return layout_ == MigrateLayout::counts;
	}

	std::string note() const override
	{
		if (layout_ == MigrateLayout::page_list && variant() != AttachVariant::tracepoint)
			return "mm_compaction_migratepages passes a page list on this kernel: migrated pages are "
			       "counted by the tracepoint variant only";
		return "";
	}

private:
	MigrateLayout layout_;
	std::vector<ProcessFamily> families_;
	bool fast_isolate_;  // mm_compaction_fast_isolate_freepages is missing from older kernels (6.1)
};

}  // namespace

std::unique_ptr<BpfCollector> make_compaction_collector(const KernelFacts &)
{
	return std::make_unique<CompactionCollector>(KernelBtf());
}

}  // namespace kmh
