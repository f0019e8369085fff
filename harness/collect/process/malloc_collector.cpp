// The malloc collector: the workload processes' libc allocations via uprobes, outstanding ones by user stack.
#include <sys/stat.h>

#include <map>
#include <optional>

#include <fmt/format.h>

#include "collect/bpf/attach_variant.h"
#include "collect/bpf/libbpf_log.h"
#include "collect/bpf/process_maps.h"
#include "collect/bpf/stack_symbolizer.h"
#include "collect/bpf/uprobe_attach.h"
#include "collect/bpf_collector.h"
#include "collect/kernel_facts.h"
#include "collect/process/malloc_metrics.h"
#include "collect/process/malloc_readout.h"
#include "common/error.h"
#include "malloc.skel.h"

namespace kmh {

namespace {

// aligned_alloc takes memalign's arguments. The rarely used valloc and pvalloc are left out:
// removing each probe at the end costs an RCU grace period (about 85 ms on the CI host).
const std::vector<UprobeTarget> libc_allocators = {
	{"malloc", "malloc_enter", "alloc_return", true},
	{"free", "free_enter", nullptr, true},
	{"calloc", "calloc_enter", "alloc_return", true},
	{"realloc", "realloc_enter", "alloc_return", true},
	{"memalign", "memalign_enter", "alloc_return", false},
	{"aligned_alloc", "memalign_enter", "alloc_return", false},
	{"posix_memalign", "posix_memalign_enter", "posix_memalign_return", false},
};

void require_uprobes()
{
	struct stat info;
	if (stat("/sys/bus/event_source/devices/uprobe", &info) != 0)
		throw environment_error("collector malloc: this kernel has no uprobe events "
					"(/sys/bus/event_source/devices/uprobe; CONFIG_UPROBE_EVENTS)");
}

class MallocCollector : public BpfCollector {
public:
	~MallocCollector() override
	{
		destroy_links(attachment_.links);
		if (skeleton_)
			malloc_bpf__destroy(skeleton_);
	}

	std::string name() const override { return "malloc"; }

	void start(const CollectorSettings &settings) override
	{
		require_uprobes();
		load(settings.workload_cgroup_id);
		for (int pid : settings.workload_processes)
			attach_to(pid);
		if (traced_.empty() && !settings.workload_processes.empty())
			throw environment_error("collector malloc: no workload process maps a C library to trace" +
						(untraced_.empty() ? std::string() : " (" + untraced_ + ")"));
	}

	void stop() override { destroy_links(attachment_.links); }

	std::vector<Metric> read() const override { return malloc_metrics(readout().maps, readout().frames); }

	std::vector<CollectedStack> stacks() const override
	{
		return malloc_leak_stacks(readout().maps, readout().frames);
	}

	CollectorInfo info() const override { return {"malloc", "uprobe", attachment_.attached, note()}; }

private:
	struct Readout {
		MallocReadout maps;
		StackFrames frames;
	};

	void load(std::uint64_t workload_cgroup_id)
	{
		malloc_bpf *skeleton = malloc_bpf__open();
		if (!skeleton)
			throw environment_error("collector malloc: cannot open the BPF object");
		skeleton->rodata->workload_cgroup_id = workload_cgroup_id;
		if (malloc_bpf__load(skeleton) != 0) {
			malloc_bpf__destroy(skeleton);
			throw environment_error("collector malloc: the BPF programs do not load on this kernel\n" +
						take_libbpf_log(6));
		}
		skeleton_ = skeleton;
	}

	void attach_to(int pid)
	{
		std::optional<std::string> maps = read_process_maps(pid);
		std::optional<std::string> libc = maps ? mapped_libc_path(*maps) : std::nullopt;
		if (!libc) {
			untraced_ += fmt::format("{}pid {}: {}", untraced_.empty() ? "" : "; ", pid,
						 maps ? "no C library mapped (statically linked?)" : "gone");
			return;
		}
		attach_uprobes(skeleton_->obj, pid, *libc, libc_allocators, attachment_);
		traced_[pid] = *maps;
	}

	std::string note() const
	{
		std::string pids;
		for (const auto &entry : traced_)
			pids += (pids.empty() ? "" : ", ") + std::to_string(entry.first);
		std::string note = pids.empty() ? "no workload process to trace" : "traced pids " + pids;
		for (const std::string &skipped : attachment_.skipped)
			note += "; " + skipped;
		return untraced_.empty() ? note : note + "; not traced: " + untraced_;
	}

	// The maps are read on first use, after stop(), while the workload processes still live.
	// A collector that never loaded (start() failed) has read nothing.
	const Readout &readout() const
	{
		if (!readout_ && !skeleton_)
			readout_ = Readout{};
		if (!readout_) {
			MallocReadout maps = read_malloc_maps(skeleton_->obj);
			StackFrames frames = symbolize(maps);
			readout_ = Readout{std::move(maps), std::move(frames)};
		}
		return *readout_;
	}

	// A process's addresses are named from its memory map now, or from the one taken at attach
	// time when it has exited.
	StackFrames symbolize(const MallocReadout &maps) const
	{
		std::map<std::uint32_t, std::unique_ptr<StackSymbolizer>> symbolizers;
		StackFrames frames;
		for (const auto &[id, stack] : maps.by_stack) {
			if (stack.addresses.empty())
				continue;
			auto &symbolizer = symbolizers[stack.tgid];
			if (!symbolizer)
				symbolizer = std::make_unique<StackSymbolizer>(memory_map_of(stack.tgid));
			frames[id] = symbolizer->symbolize(stack.addresses);
		}
		return frames;
	}

	std::string memory_map_of(std::uint32_t tgid) const
	{
		if (std::optional<std::string> now = read_process_maps(static_cast<int>(tgid)))
			return *now;
		auto at_attach = traced_.find(static_cast<int>(tgid));
		return at_attach == traced_.end() ? std::string() : at_attach->second;
	}

	malloc_bpf *skeleton_ = nullptr;
	UprobeAttachment attachment_;
	std::map<int, std::string> traced_;  // pid -> its memory map when the probes were attached
	std::string untraced_;               // workload processes that could not be traced, and why
	mutable std::optional<Readout> readout_;
};

}  // namespace

std::unique_ptr<BpfCollector> make_malloc_collector(const KernelFacts &)
{
	return std::make_unique<MallocCollector>();
}

}  // namespace kmh
