// The brk_stacks collector: the workload processes' brk() calls by the user stack that made them, symbolized.
#include <linux/types.h>

#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "brk_stacks.h"
#include "brk_stacks.skel.h"
#include "collect/bpf/hash_map_reader.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/process_maps.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/bpf/stack_label.h"
#include "collect/bpf/stack_symbolizer.h"
#include "collect/kernel_facts.h"
#include "collect/process/usermem_labels.h"

namespace kmh {

namespace {

const char *change_name(std::uint32_t change)
{
	switch (change) {
	case KMH_BRK_STACK_GROW:
		return "grow";
	case KMH_BRK_STACK_SHRINK:
		return "shrink";
	default:
		return "none";
	}
}

// glibc reports a brk() that returned the old break as ENOMEM, as the mmap collector does.
constexpr std::uint32_t brk_failed_errno = 12;

struct BrkTotals {
	std::uint64_t calls = 0;
	std::uint64_t bytes = 0;
};

using SeriesKey = std::tuple<std::string, std::string, std::string>;  // stack, change, result

class BrkStacksCollector : public SkeletonCollector<brk_stacks_bpf> {
public:
	BrkStacksCollector()
		: SkeletonCollector("brk_stacks", {brk_stacks_bpf__open, brk_stacks_bpf__load, brk_stacks_bpf__destroy},
				    {AttachVariant::tracepoint})
	{
	}

	void start(const CollectorSettings &settings) override
	{
		SkeletonCollector::start(settings);
		for (int pid : settings.workload_processes)
			if (std::optional<std::string> maps = read_process_maps(pid))
				maps_at_attach_[static_cast<std::uint32_t>(pid)] = *maps;
	}

	std::vector<Metric> read() const override
	{
		std::map<SeriesKey, BrkTotals> series;
		for (const auto &[key, tally] : read_hash_map<brk_stack_key, brk_stack_tally>(map_fd(object(), "tallies"))) {
			BrkTotals &totals = series[{label_of(key), change_name(key.change),
						    result_label(key.failed ? brk_failed_errno : 0)}];
			totals.calls += tally.calls;
			totals.bytes += tally.bytes;
		}
		std::vector<Metric> metrics;
		for (const auto &[key, totals] : series) {
			Labels labels = {{"stack", std::get<0>(key)}, {"change", std::get<1>(key)}, {"result", std::get<2>(key)}};
			metrics.push_back({"brk.stack.calls", labels, double(totals.calls)});
			metrics.push_back({"brk.stack.bytes", labels, double(totals.bytes)});
		}
		return metrics;
	}

private:
	std::string label_of(const brk_stack_key &key) const
	{
		std::vector<std::uint64_t> addresses = stack_addresses(key.stack_id);
		if (addresses.empty())
			return no_stack_label;
		return stack_label(symbolizer_of(key.tgid).symbolize(addresses));
	}

	std::vector<std::uint64_t> stack_addresses(std::int32_t stack_id) const
	{
		std::uint64_t frames[KMH_BRK_STACK_DEPTH] = {};
		if (stack_id == KMH_BRK_NO_STACK || bpf_map_lookup_elem(map_fd(object(), "stacks"), &stack_id, frames) != 0)
			return {};
		std::vector<std::uint64_t> addresses;
		for (std::uint64_t address : frames) {
			if (!address)
				break;
			addresses.push_back(address);
		}
		return addresses;
	}

	// A process is named from its memory map now, or from the one taken at attach time once it exited.
	const StackSymbolizer &symbolizer_of(std::uint32_t tgid) const
	{
		auto &symbolizer = symbolizers_[tgid];
		if (!symbolizer) {
			std::optional<std::string> now = read_process_maps(static_cast<int>(tgid));
			auto at_attach = maps_at_attach_.find(tgid);
			std::string maps = now ? *now : at_attach == maps_at_attach_.end() ? "" : at_attach->second;
			symbolizer = std::make_unique<StackSymbolizer>(maps);
		}
		return *symbolizer;
	}

	std::map<std::uint32_t, std::string> maps_at_attach_;
	mutable std::map<std::uint32_t, std::unique_ptr<StackSymbolizer>> symbolizers_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_brk_stacks_collector(const KernelFacts &)
{
	return std::make_unique<BrkStacksCollector>();
}

}  // namespace kmh
