// The oom collector: OOM kills counted in the kernel, and each kill's record from a ring buffer.
#include <bpf/libbpf.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "collect/bpf/hash_map_reader.h"
#include "collect/bpf/kernel_btf.h"
#include "collect/bpf/percpu_map_reader.h"
#include "collect/bpf/skeleton_collector.h"
#include "collect/kernel_facts.h"
#include "collect/pressure/oom_kill_record.h"
#include "collect/pressure/process_stats_metrics.h"
#include "common/error.h"
#include "kmh_common.h"
#include "metrics/catalog.h"
#include "oom.h"
#include "oom.skel.h"
#include "system/file_io.h"

namespace kmh {

namespace {

std::uint64_t monotonic_ns()
{
	timespec now{};
	clock_gettime(CLOCK_MONOTONIC, &now);
	return std::uint64_t(now.tv_sec) * 1'000'000'000ULL + std::uint64_t(now.tv_nsec);
}

unsigned page_shift()
{
	unsigned shift = 0;
	for (long size = sysconf(_SC_PAGESIZE); size > 1; size >>= 1)
		++shift;
	return shift;
}

// The tp_btf and raw_tp programs read the victim from mark_victim(task, uid); older kernels pass
// mark_victim(pid), which only the classic tracepoint program fits.
bool mark_victim_passes_task(const KernelBtf &btf)
{
	std::optional<std::vector<bool>> pointers = btf.tracepoint_pointer_arguments("mark_victim");
	return pointers && !pointers->empty() && (*pointers)[0];
}

// The line of a load failure that names the libbpf error, e.g. "...: BPF program load failed: Operation not permitted".
std::string last_libbpf_error(const std::string &failure)
{
	std::size_t at = failure.find("load failed: ");
	if (at == std::string::npos)
		return "see --verbose";
	std::size_t end = failure.find('\n', at);
	return failure.substr(at + 13, end == std::string::npos ? std::string::npos : end - at - 13);
}

class OomCollector : public SkeletonCollector<oom_bpf> {
public:
	explicit OomCollector(const KernelBtf &btf)
		: SkeletonCollector("oom", {oom_bpf__open, oom_bpf__load, oom_bpf__destroy},
				    {AttachVariant::tracepoint, AttachVariant::tp_btf, AttachVariant::raw_tp}),
		  passes_task_(mark_victim_passes_task(btf)), traces_oom_kill_process_(btf.has_function("oom_kill_process")),
		  untraced_because_(traces_oom_kill_process_ ? "" : "this kernel's BTF has no oom_kill_process()"),
		  constraints_(oom_constraint_names(btf.enumerators("oom_constraint")))
	{
	}

	~OomCollector() override { stop_polling(); }

	// The fentry/fexit programs need oom_kill_process() in BTF and BPF trampolines; when they
	// cannot load or attach, the collector starts again without them.
	void start(const CollectorSettings &settings) override
	{
		try {
			SkeletonCollector::start(settings);
		} catch (const Error &error) {
			if (!traces_oom_kill_process_)
				throw;
			traces_oom_kill_process_ = false;
			untraced_because_ = "the kernel refused fentry/fexit on it: " + last_libbpf_error(error.what());
			SkeletonCollector::start(settings);
		}
		ring_ = ring_buffer__new(map_fd(object(), "kill_events"), on_record, this, nullptr);
		if (!ring_)
			throw run_error("oom collector: cannot open the kill_events ring buffer");
		poller_ = std::thread([this] {
			while (!stopping_)
				ring_buffer__poll(ring_, 100);
		});
	}

	void stop() override
	{
		SkeletonCollector::stop();
		stop_polling();
	}

	std::vector<Metric> read() const override
	{
		std::vector<Metric> metrics;
		for (const auto &[key, count] : read_hash_map<oom_kill_key, oom_kill_count>(map_fd(object(), "kill_counts"))) {
			Labels labels = {{"comm", comm_text(key.comm)},
					 {"constraint", constraint_name(constraints_, key.constraint)},
					 {"scope", key.scope == KMH_SCOPE_WORKLOAD ? scope_workload : scope_system}};
			metrics.push_back({"oom.kills.events", labels, double(count.kills)});
			metrics.push_back({"oom.victim_rss.bytes", labels, double(count.rss_kb) * 1024});
		}
		return metrics;
	}

	// Read after stop(): the poller has ended, nothing else writes kills_.
	nlohmann::json details() const override { return {{"kills", kills_}}; }

protected:
	bool wants_program(const ProgramName &program) const override
	{
		if (program.event == "oom_kill_process")
			return traces_oom_kill_process_;
		return program.variant == variant_name(AttachVariant::tracepoint) || passes_task_;
	}

	void configure(oom_bpf &skeleton) const override
	{
		skeleton.rodata->page_shift = page_shift();
		skeleton.rodata->oom_kill_process_traced = traces_oom_kill_process_;
	}

	std::string note() const override
	{
		std::string note = traces_oom_kill_process_ ? "" : "oom_kill_process() is not traced (" + untraced_because_ +
								   "): constraint unknown, every marked victim "
								   "counts as a kill";
		if (!passes_task_ && variant() != AttachVariant::tracepoint)
			note += std::string(note.empty() ? "" : "; ") + "mark_victim passes only a pid on this kernel: "
										"use the tracepoint variant";
		return note;
	}

private:
	static int on_record(void *self, void *data, size_t size)
	{
		if (size >= sizeof(oom_kill_event))
			static_cast<OomCollector *>(self)->add_kill(*static_cast<const oom_kill_event *>(data));
		return 0;
	}

	void add_kill(const oom_kill_event &event)
	{
		KillArrival arrival{parse_loadavg(read_text_file("/proc/loadavg").value_or("")),
				    double(monotonic_ns() - event.ktime_ns) / 1e6};
		kills_.push_back(kill_record_json(event, constraints_, arrival));
	}

	void stop_polling()
	{
		stopping_ = true;
		if (poller_.joinable())
			poller_.join();
		if (ring_) {
			ring_buffer__consume(ring_);
			ring_buffer__free(ring_);
			ring_ = nullptr;
		}
	}

	bool passes_task_;
	bool traces_oom_kill_process_;
	std::string untraced_because_;
	std::map<int, std::string> constraints_;
	ring_buffer *ring_ = nullptr;
	std::thread poller_;
	std::atomic<bool> stopping_ = false;
	nlohmann::json kills_ = nlohmann::json::array();
};

}  // namespace

std::unique_ptr<BpfCollector> make_oom_collector(const KernelFacts &)
{
	return std::make_unique<OomCollector>(KernelBtf());
}

}  // namespace kmh
