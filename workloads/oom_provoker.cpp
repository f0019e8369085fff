// oom_provoker: allocate and touch memory until the memory cgroup's OOM killer ends the allocating process.
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "common/error.h"
#include "scenario/units.h"
#include "system/cgroup_mounts.h"
#include "system/errno_error.h"
#include "system/file_io.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"
#include "workloads/process_name.h"

namespace kmh {

namespace {

const char *const victim_name = "oom_provoker";

// child: a forked process allocates and the workload process reports its death;
// self: the workload process allocates and dies (its [[workload]] sets expect_oom_kill = true).
enum class Victim { child, self };

struct ProvokerOptions {
	Victim victim = Victim::child;
	std::size_t bytes = 0;
	std::vector<int> cpus;
};

// Pages touched so far, in a shared page the parent still reads after the child was killed.
class SharedCounter {
public:
	SharedCounter()
	{
		void *page = mmap(nullptr, page_size(), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (page == MAP_FAILED)
			throw errno_error(ExitCode::run_failed, "mmap of the shared progress page failed");
		counter_ = new (page) std::atomic<std::size_t>(0);
	}
	~SharedCounter() { munmap(counter_, page_size()); }
	SharedCounter(const SharedCounter &) = delete;
	SharedCounter &operator=(const SharedCounter &) = delete;

	std::atomic<std::size_t> &value() { return *counter_; }

private:
	std::atomic<std::size_t> *counter_ = nullptr;
};

// Makes the calling process the OOM killer's first choice, by name and score.
void become_the_victim()
{
	name_current_process(victim_name);
	write_text_file("/proc/self/oom_score_adj", "1000");
}

// Writes one byte per page of a fresh mapping of `bytes`, counting in `touched`.
void allocate_until_killed(std::size_t bytes, std::atomic<std::size_t> &touched)
{
	Mapping memory = Mapping::anonymous(bytes, HugePages::forbid, SwapReserve::noreserve);
	for (std::size_t offset = 0; offset < bytes; offset += page_size()) {
		memory.data()[offset] = 1;
		touched.fetch_add(1, std::memory_order_relaxed);
	}
}

std::vector<WorkloadMetric> report(bool killed, std::size_t pages)
{
	return {
		{"oom_killed", {}, killed ? 1.0 : 0.0},
		{"bytes_touched", {}, static_cast<double>(pages * page_size())},
	};
}

// Refuses to run without a memory limit below `bytes`: the machine's OOM killer would pick anyone.
// Checked in the workload's process, which sits in the scenario's cgroup by then.
void require_memory_limit(std::size_t bytes)
{
	std::optional<std::int64_t> limit = own_memory_limit();
	if (!limit)
		throw invalid_input("oom_provoker runs only inside a memory limit: add [cgroup] memory_max to the "
				    "scenario, below the workload's bytes");
	if (static_cast<std::size_t>(*limit) >= bytes)
		throw invalid_input(fmt::format("oom_provoker: bytes ({}) must exceed the memory limit ({}), or nothing "
						"is killed", format_size(static_cast<std::int64_t>(bytes)),
						format_size(*limit)));
}

class OomProvoker : public Workload {
public:
	explicit OomProvoker(ProvokerOptions options) : options_(std::move(options)) {}

	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
		require_memory_limit(options_.bytes);
		if (options_.victim == Victim::self)
			become_the_victim();
	}

	std::vector<WorkloadMetric> run() override
	{
		if (options_.victim == Victim::self) {
			allocate_until_killed(options_.bytes, counter_.value());
			return report(false, counter_.value());
		}
		pid_t child = fork();
		if (child < 0)
			throw errno_error(ExitCode::run_failed, "fork");
		if (child == 0)
			child_main();
		int status = 0;
		while (waitpid(child, &status, 0) < 0 && errno == EINTR)
			;
		bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
		if (!killed && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			throw run_error(fmt::format("the allocating child ended with status {:#x}", status));
		return report(killed, counter_.value());
	}

private:
	[[noreturn]] void child_main()
	{
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		try {
			become_the_victim();
			allocate_until_killed(options_.bytes, counter_.value());
		} catch (const std::exception &) {
			_exit(1);
		}
		_exit(0);
	}

	ProvokerOptions options_;
	SharedCounter counter_;
};

void check_options(const WorkloadContext &context)
{
	require_multiple_of("bytes", context.options->integer("bytes"), page_size());
}

// What it writes; the scenario's memory limit stops it sooner.
std::int64_t memory_need(const OptionValues &values)
{
	return values.integer("bytes");
}

ProvokerOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	require_online_cpus(context.cpus);
	return {
		.victim = values.string("victim") == "self" ? Victim::self : Victim::child,
		.bytes = static_cast<std::size_t>(values.integer("bytes")),
		.cpus = context.cpus,
	};
}

}  // namespace

WorkloadDescriptor describe_oom_provoker()
{
	return {
		.schema = {
			.kind = "oom_provoker",
			.summary = "write anonymous memory page by page, past the [cgroup] memory_max, until the memory "
				   "cgroup's OOM killer kills the writing process (named oom_provoker)",
			.options = {
				choice_option("victim", "child: a forked child writes and is killed, the workload reports it; "
					      "self: the workload process writes and is killed (set expect_oom_kill = true)",
					      "child", {"child", "self"}),
				size_option("bytes", "the most it writes: more than the memory limit (a multiple of the page size)",
					    1 * GiB, 4 * KiB, 64 * GiB),
			},
			.metrics = {
				{"oom_killed", "1 when the writing process was killed by SIGKILL, 0 when it wrote all of bytes", {}},
				{"bytes_touched", "bytes written before the kill (one byte per page written counts the page)", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = memory_need,
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<OomProvoker>(read_options(context));
		},
	};
}

}  // namespace kmh
