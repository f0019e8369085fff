// pcp_bounce: fault pages in on one CPU and unmap them on another: one refills its per-CPU list, one drains.
#include <sched.h>
#include <sys/resource.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/error.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

// Context switches of the calling thread so far, voluntary and involuntary.
std::int64_t thread_switches()
{
	rusage usage{};
	getrusage(RUSAGE_THREAD, &usage);
	return usage.ru_nvcsw + usage.ru_nivcsw;
}

// Runs `work` and returns how many stretches the calling thread ran it in: 1, plus one for each
// time it was switched out meanwhile. In one stretch no other task runs on its CPU, so only it
// (and interrupts) change that CPU's per-CPU lists.
template <typename Work>
std::int64_t stretches_of(Work work)
{
	std::int64_t before = thread_switches();
	work();
	return 1 + thread_switches() - before;
}

struct PcpBounceOptions {
	std::size_t bytes = 0;
	std::int64_t rounds = 0;
	int alloc_cpu = 0;
	int free_cpu = 0;
	HugePages huge = HugePages::forbid;
	bool warm_up = true;
};

// A thread pinned to one CPU that unmaps the mappings handed to it, one at a time.
class RemoteUnmapper {
public:
	explicit RemoteUnmapper(int cpu);
	~RemoteUnmapper();
	RemoteUnmapper(const RemoteUnmapper &) = delete;
	RemoteUnmapper &operator=(const RemoteUnmapper &) = delete;

	// Hands `mapping` to the thread and returns once the thread has unmapped it.
	void unmap(Mapping mapping);

	// Stretches the thread ran its unmaps in (see stretches_of), over every unmap so far.
	std::int64_t stretches() const { return stretches_; }

private:
	void serve();
	void stop();

	std::mutex mutex_;
	std::condition_variable changed_;
	std::optional<Mapping> pending_;
	bool stopping_ = false;
	std::int64_t stretches_ = 0;
	std::thread thread_;  // last: starts once the members it uses exist
};

RemoteUnmapper::RemoteUnmapper(int cpu) : thread_([this] { serve(); })
{
	try {
		pin_thread_to_cpu(thread_.native_handle(), cpu);
	} catch (...) {
		stop();
		throw;
	}
}

RemoteUnmapper::~RemoteUnmapper()
{
	stop();
}

void RemoteUnmapper::unmap(Mapping mapping)
{
	std::unique_lock lock(mutex_);
	pending_ = std::move(mapping);
	changed_.notify_all();
	changed_.wait(lock, [this] { return !pending_; });
}

void RemoteUnmapper::serve()
{
	std::unique_lock lock(mutex_);
	while (true) {
		changed_.wait(lock, [this] { return pending_ || stopping_; });
		if (!pending_)
			return;
		stretches_ += stretches_of([this] { pending_.reset(); });
		changed_.notify_all();
	}
}

void RemoteUnmapper::stop()
{
	{
		std::lock_guard lock(mutex_);
		stopping_ = true;
	}
	changed_.notify_all();
	thread_.join();
}

class PcpBounce : public Workload {
public:
	explicit PcpBounce(const PcpBounceOptions &options) : options_(options) {}

	// warm_up: one unmeasured round first, so pages other processes left on the two CPUs' lists
	// (tens of thousands after a busy moment, more than a freshly lowered high mark allows) are
	// used up or drained now rather than counted as the bounce's refills and drains.
	void prepare() override
	{
		pin_current_thread_to_cpu(options_.alloc_cpu);
		unmapper_.emplace(options_.free_cpu);
		if (options_.warm_up) {
			std::int64_t unmeasured = 0;
			bounce_one_round(unmeasured);
		}
	}

	std::vector<WorkloadMetric> run() override
	{
		std::size_t pages = 0;
		std::int64_t alloc_stretches = 0;
		std::int64_t free_stretches_before = unmapper_->stretches();
		for (std::int64_t round = 0; round < options_.rounds; round++)
			pages += bounce_one_round(alloc_stretches);
		return {
			{"pages", {}, static_cast<double>(pages)},
			{"rounds", {}, static_cast<double>(options_.rounds)},
			{"bytes", {}, static_cast<double>(options_.bytes)},
			{"alloc_stretches", {}, static_cast<double>(alloc_stretches)},
			{"free_stretches", {}, static_cast<double>(unmapper_->stretches() - free_stretches_before)},
		};
	}

	void cleanup() override
	{
		unmapper_.reset();
	}

private:
	// Faults a mapping in here and has it unmapped on the freeing CPU; returns the pages faulted
	// and adds the stretches the faulting ran in to `alloc_stretches`.
	std::size_t bounce_one_round(std::int64_t &alloc_stretches)
	{
		Mapping mapping = Mapping::anonymous(options_.bytes, options_.huge);
		std::size_t pages = 0;
		alloc_stretches += stretches_of([&] { pages = mapping.touch(page_size()); });
		unmapper_->unmap(std::move(mapping));
		return pages;
	}

	PcpBounceOptions options_;
	std::optional<RemoteUnmapper> unmapper_;
};

// The workload's `cpus`, when given, must leave room for the two CPUs it pins its threads to.
void require_listed(const std::vector<int> &cpus, const char *option, int cpu)
{
	if (!cpus.empty() && std::find(cpus.begin(), cpus.end(), cpu) == cpus.end())
		throw invalid_input(fmt::format("pcp_bounce pins its threads to alloc_cpu and free_cpu, but {} = {} is not "
						"among the workload's cpus [{}]; add it there or leave cpus out",
						option, cpu, fmt::join(cpus, ", ")));
}

void check_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	require_multiple_of("bytes", values.integer("bytes"), page_size());
	require_listed(context.cpus, "alloc_cpu", static_cast<int>(values.integer("alloc_cpu")));
	require_listed(context.cpus, "free_cpu", static_cast<int>(values.integer("free_cpu")));
}

// One round's mapping at a time.
std::int64_t memory_need(const OptionValues &values)
{
	return values.integer("bytes");
}

PcpBounceOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	PcpBounceOptions options = {
		.bytes = static_cast<std::size_t>(values.integer("bytes")),
		.rounds = values.integer("rounds"),
		.alloc_cpu = static_cast<int>(values.integer("alloc_cpu")),
		.free_cpu = static_cast<int>(values.integer("free_cpu")),
		.huge = values.boolean("thp") ? HugePages::request : HugePages::forbid,
		.warm_up = values.boolean("warm_up"),
	};
	require_online_cpu(options.alloc_cpu);
	require_online_cpu(options.free_cpu);
	return options;
}

}  // namespace

WorkloadDescriptor describe_pcp_bounce()
{
	return {
		.schema = {
			.kind = "pcp_bounce",
			.summary = "fault pages in on alloc_cpu and unmap them from a thread on free_cpu: alloc_cpu's per-CPU "
				   "list refills from the buddy allocator (pcp.refill.events) while free_cpu's drains "
				   "(pcp.drain.events), about one event per page each",
			.options = {
				size_option("bytes", "bytes mapped, faulted in and unmapped per round (a multiple of the page size)",
					    64 * MiB, 4 * KiB, 64 * GiB),
				integer_option("rounds", "how many mappings to bounce, one after the other", 4, 1, 100000),
				integer_option("alloc_cpu", "CPU whose thread maps and faults the pages in", 0, 0, CPU_SETSIZE - 1),
				integer_option("free_cpu", "CPU whose thread unmaps them; equal to alloc_cpu, pages are freed "
					       "where they were allocated and nothing bounces (a baseline)", 1, 0, CPU_SETSIZE - 1),
				boolean_option("thp", "true: madvise(MADV_HUGEPAGE) on a 2 MiB aligned mapping (a few huge page "
					       "events instead of one per base page); false: madvise(MADV_NOHUGEPAGE)", false),
				boolean_option("warm_up", "true: one unmeasured round while the workload is prepared, so pages "
					       "others left on the two per-CPU lists are not counted as the bounce's; false: "
					       "start from the lists as they are (cold lists, e.g. to compare list sizes)", true),
			},
			.metrics = {
				{"pages", "base pages faulted in on alloc_cpu and unmapped on free_cpu, over all rounds", {}},
				{"rounds", "rounds completed", {}},
				{"bytes", "bytes mapped per round", {}},
				{"alloc_stretches", "stretches the faulting thread ran in on alloc_cpu: one per round, plus one "
				 "per context switch while it faulted (getrusage RUSAGE_THREAD); between two, other tasks on "
				 "alloc_cpu may fill or empty its per-CPU lists", {}},
				{"free_stretches", "the same for the unmapping thread on free_cpu, while it unmapped", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = memory_need,
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<PcpBounce>(read_options(context));
		},
	};
}

}  // namespace kmh
