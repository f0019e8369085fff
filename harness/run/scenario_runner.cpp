// The host run: workloads forked into a cgroup, collectors attached, phases driven, results gathered.
#include "run/scenario_runner.h"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include <fmt/core.h>

#include "assertions/assertion_evaluator.h"
#include "collect/bpf/libbpf_log.h"
#include "collect/collector_registry.h"
#include "collect/proc/proc_snapshot.h"
#include "collect/proc/snapshot_phases.h"
#include "common/error.h"
#include "common/utc_time.h"
#include "run/debugfs_mount.h"
#include "run/kernel_module.h"
#include "run/requirements_check.h"
#include "run/sysctl_guard.h"
#include "run/sysctl_metrics.h"
#include "run/system_info.h"
#include "run/tracefs_mount.h"
#include "run/window_markers.h"
#include "run/workload_cgroup.h"
#include "run/workload_process.h"
#include "run/workload_report.h"
#include "system/interrupt_watch.h"
#include "system/sha256.h"

namespace kmh {

namespace {

using Clock = std::chrono::steady_clock;

class ScenarioRun {
public:
	ScenarioRun(const Scenario &scenario, const RunOptions &options)
		: scenario_(scenario), options_(options), progress_(options.progress ? *options.progress : quiet_)
	{
		init_result();
	}

	~ScenarioRun() { std::filesystem::remove_all(scratch_root_); }

	RunResult execute()
	{
		try {
			set_up();
			spawn_workloads();
			start_collectors();
			take_before_snapshot();
			run_phases();
		} catch (const Error &error) {
			record_failure(error.code(), error.what());
		}
		finish_measuring();
		release_workloads();
		if (result_.errors.empty())
			evaluate();
		decide_status();
		return std::move(result_);
	}

private:
	void init_result()
	{
		result_.tool_version = KMH_VERSION;
		result_.started_at = utc_now();
		result_.scenario = {scenario_.name, scenario_.description, scenario_.file, scenario_.text,
				    sha256_hex(scenario_.text)};
		result_.system = read_system_info();
		for (const WorkloadSpec &spec : scenario_.workloads)
			result_.workloads.push_back(initial_workload_result(spec));
	}

	// Records the stage's time even when it ends by throwing.
	template <typename Stage>
	void timed(const std::string &stage, Stage &&body)
	{
		auto started = Clock::now();
		auto record = [&] {
			result_.timings.push_back({stage, std::chrono::duration<double>(Clock::now() - started).count()});
		};
		try {
			body();
		} catch (...) {
			record();
			throw;
		}
		record();
	}

	void set_up()
	{
		timed("setup", [&] {
			take_machine();
			progress_.step("checking what " + scenario_.name + " requires");
			tracefs_ = std::make_unique<TracefsMount>();
			check_requirements(scenario_, tracefs_->events_dir(), options_.workloads);
			cgroup_ = std::make_unique<WorkloadCgroup>();
			if (scenario_.cgroup.memory_max)
				result_.memory_limit = cgroup_->limit_memory(scenario_.cgroup);
			sysctls_.apply(scenario_.sysctls);
			result_.metrics.add_all(read_sysctl_metrics(sysctls_to_record(scenario_)));
			if (needs_debugfs(scenario_.collect.snapshots))
				debugfs_ = std::make_unique<DebugfsMount>();
			result_.attribution = {"cgroup", cgroup_->path(), cgroup_->id()};
			capture_libbpf_log(options_.verbose);
			facts_ = read_kernel_facts();
		});
		load_module_if_needed();
	}

	// The machine's run lock, then the sysctls a killed run left changed put back.
	void take_machine()
	{
		machine_ = std::make_unique<MachineRunLock>(options_.machine_wait, progress_);
		for (const SysctlChange &change : restore_journaled_sysctls())
			progress_.note(fmt::format("restored sysctl {} to {} (a killed run had set it to {})", change.name,
						   change.before, change.value));
	}

	void load_module_if_needed()
	{
		if (!uses_kernel_module(scenario_))
			return;
		if (!std::filesystem::exists("/proc/modules"))
			throw environment_error("scenario " + scenario_.name + " has kernel-module workloads and this "
						"kernel cannot load modules (no /proc/modules: built without "
						"CONFIG_MODULES); run it with --kernel IMAGE (a VM)");
		if (options_.module_path.empty())
			throw environment_error("scenario " + scenario_.name + " has kernel-module workloads: run it "
						"with --kernel IMAGE (a VM) or give the built module with --module PATH");
		timed("module_load", [&] {
			progress_.step("loading " + options_.module_path);
			module_ = std::make_unique<LoadedModule>(options_.module_path);
			module_workers_ = module_->worker_pids();
		});
	}

	const WorkloadDescriptor &registered_kind(const WorkloadSpec &spec) const
	{
		const WorkloadDescriptor *descriptor = options_.workloads(spec.kind);
		if (!descriptor)
			throw run_error("workload " + spec.name + ": kind '" + spec.kind + "' is not registered");
		return *descriptor;
	}

	void spawn_workloads()
	{
		timed("prepare", [&] {
			progress_.step("preparing " + std::to_string(scenario_.workloads.size()) + " workload(s)");
			scratch_root_ = "/var/tmp/kmemharness." + std::to_string(getpid());
			for (const WorkloadSpec &spec : scenario_.workloads) {
				std::string scratch = scratch_root_ + "/" + spec.name;
				std::filesystem::create_directories(scratch);
				processes_.push_back(std::make_unique<WorkloadProcess>(spec, registered_kind(spec), scratch));
				processes_.back()->spawn(*cgroup_);
			}
			oom_kills_before_ = cgroup_->oom_kills();
			wait_for(all_processes(), "ready", deadline_from_now());
		});
	}

	void start_collectors()
	{
		timed("attach", [&] {
			progress_.step("attaching BPF collectors");
			CollectorSettings settings{options_.attach.value_or(scenario_.collect.attach), cgroup_->id(),
						   module_workers_, process_ids(), scenario_.collect.workload_context,
						   scenario_.collect.callsites};
			settings.workload_process_names = process_names();
			settings.usdt_probes = scenario_.collect.usdt;
			for (const std::string &name : scenario_.collect.collectors) {
				std::unique_ptr<BpfCollector> collector = make_bpf_collector(name, facts_);
				collector->start(settings);
				result_.collectors.push_back(collector->info());
				collectors_.push_back(std::move(collector));
			}
			mark_window_open();
		});
	}

	void take_before_snapshot()
	{
		timed("snapshot_before", [&] { before_ = take_proc_snapshot(scenario_.collect.snapshots); });
		before_taken_ = true;
	}

	void run_phases()
	{
		timed("workloads", [&] {
			auto deadline = deadline_from_now();
			for (int phase : phases()) {
				auto members = phase_processes(phase);
				progress_.step(fmt::format("phase {}: running {}", phase, names_of(members)));
				for (WorkloadProcess *process : members) {
					if (ended(*process))
						continue;
					process->send_go();
					workload_result(process->spec().name).status = "running";
				}
				wait_for(members, "report", deadline);
			}
		});
	}

	void finish_measuring()
	{
		timed("readout", [&] {
			mark_window_close();
			for (auto &collector : collectors_)
				collector->stop();
			guarded([&] {
				if (before_taken_)
					result_.metrics.add_all(
						snapshot_phase_metrics(before_, take_proc_snapshot(scenario_.collect.snapshots)));
			});
			for (std::size_t i = 0; i < collectors_.size(); ++i)
				guarded([&] {
					result_.metrics.add_all(collectors_[i]->read());
					result_.collectors[i].details = collectors_[i]->details();
					auto stacks = collectors_[i]->stacks();
					result_.stacks.insert(result_.stacks.end(), stacks.begin(), stacks.end());
				});
			for (const WorkloadResult &workload : result_.workloads)
				result_.metrics.add_all(workload.metrics);
		});
		progress_.done();
	}

	void release_workloads()
	{
		for (auto &process : processes_) {
			if (!result_.errors.empty())
				process->kill_all();
			process->release();
		}
		for (WorkloadResult &workload : result_.workloads)
			if (workload.status == "running")
				workload.status = "killed";
		processes_.clear();
	}

	void evaluate()
	{
		timed("assertions", [&] { result_.assertions = evaluate_assertions(scenario_, result_.metrics); });
	}

	void decide_status()
	{
		result_.sysctls = sysctls_.changes();
		result_.finished_at = utc_now();
		if (!result_.errors.empty())
			return;
		result_.complete = true;
		bool all_pass = std::all_of(result_.assertions.begin(), result_.assertions.end(),
					    [](const AssertionResult &a) { return a.verdict == Verdict::pass; });
		result_.exit_code = all_pass ? ExitCode::passed : ExitCode::assertion_failed;
		result_.status = all_pass ? "passed" : "failed";
	}

	void record_failure(ExitCode code, const std::string &message)
	{
		if (result_.errors.empty()) {
			result_.exit_code = code;
			result_.status = interrupts_.interrupted() ? "interrupted" : status_name(code);
		}
		result_.errors.push_back(message);
		progress_.done("failed");
		progress_.note("error: " + message);
	}

	static std::string status_name(ExitCode code)
	{
		switch (code) {
		case ExitCode::invalid_input:
			return "invalid";
		case ExitCode::environment:
			return "environment";
		case ExitCode::kernel_crashed:
			return "kernel_crashed";
		default:
			return "run_failed";
		}
	}

	template <typename Body>
	void guarded(Body &&body)
	{
		try {
			body();
		} catch (const Error &error) {
			record_failure(error.code(), error.what());
		}
	}

	// Waits until every process sent `expected`; a failure, a timeout or a signal throws.
	void wait_for(std::vector<WorkloadProcess *> pending, const std::string &expected, Clock::time_point deadline)
	{
		std::erase_if(pending, [&](WorkloadProcess *p) { return ended(*p); });
		while (!pending.empty()) {
			std::vector<pollfd> fds{{interrupts_.fd(), POLLIN, 0}};
			for (WorkloadProcess *process : pending)
				fds.push_back({process->fd(), POLLIN, 0});
			auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
			int ready = poll(fds.data(), fds.size(), static_cast<int>(std::max<long>(left.count(), 0)));
			InterruptWatch::throw_if_signalled();
			if (ready == 0)
				throw run_error(fmt::format("timeout after {:.0f} s waiting for {}", timeout_seconds(),
							    names_of(pending)));
			for (std::size_t i = 1; i < fds.size(); ++i)
				if (fds[i].revents)
					handle_message(*pending[i - 1], expected);
			std::erase_if(pending, [&](WorkloadProcess *p) { return done_with(*p, expected); });
		}
	}

	void handle_message(WorkloadProcess &process, const std::string &expected)
	{
		WorkloadResult &workload = workload_result(process.spec().name);
		std::optional<std::string> message = process.receive();
		if (!message) {
			handle_end(process, workload);
			return;
		}
		if (message->rfind("error ", 0) == 0) {
			WorkloadFailure failure = parse_workload_failure(*message);
			workload.status = "failed";
			workload.error = failure.message;
			throw Error(failure.code, "workload " + workload.name + ": " + failure.message);
		}
		if (expected == "report" && message->rfind("report ", 0) == 0)
			apply_workload_report(workload, message->substr(7));
		state_[&process] = expected;
	}

	// The child closed its socket without a report: it died. An OOM kill the workload expects
	// ends it as "oom_killed" and the run goes on; anything else fails the run.
	void handle_end(WorkloadProcess &process, WorkloadResult &workload)
	{
		std::string how = process.reap();
		bool oom_killed = how == "signal 9" && cgroup_->oom_kills() > oom_kills_before_;
		if (oom_killed && process.spec().expect_oom_kill) {
			workload.status = "oom_killed";
			state_[&process] = ended_state;
			return;
		}
		workload.status = "failed";
		workload.error = oom_killed ? "the OOM killer killed the workload process (" + how +
						      "); set expect_oom_kill = true in its [[workload]] if that is its purpose"
					    : "the workload process ended unexpectedly (" + how + ")";
		throw run_error("workload " + workload.name + ": " + workload.error);
	}

	bool ended(WorkloadProcess &process) { return state_[&process] == ended_state; }

	bool done_with(WorkloadProcess &process, const std::string &expected)
	{
		return state_[&process] == expected || ended(process);
	}

	WorkloadResult &workload_result(const std::string &name)
	{
		return *std::find_if(result_.workloads.begin(), result_.workloads.end(),
				     [&](const WorkloadResult &w) { return w.name == name; });
	}

	std::vector<int> phases() const
	{
		std::set<int> phases;
		for (const WorkloadSpec &spec : scenario_.workloads)
			phases.insert(spec.phase);
		return {phases.begin(), phases.end()};
	}

	std::vector<WorkloadProcess *> phase_processes(int phase) const
	{
		std::vector<WorkloadProcess *> members;
		for (const auto &process : processes_)
			if (process->spec().phase == phase)
				members.push_back(process.get());
		return members;
	}

	std::vector<WorkloadProcess *> all_processes() const
	{
		std::vector<WorkloadProcess *> all;
		for (const auto &process : processes_)
			all.push_back(process.get());
		return all;
	}

	std::vector<std::string> process_names() const
	{
		std::vector<std::string> names;
		for (const auto &process : processes_)
			names.push_back(process->spec().name);
		return names;
	}

	std::vector<int> process_ids() const
	{
		std::vector<int> ids;
		for (const auto &process : processes_)
			ids.push_back(process->pid());
		return ids;
	}

	static std::string names_of(const std::vector<WorkloadProcess *> &processes)
	{
		std::string names;
		for (WorkloadProcess *process : processes)
			names += (names.empty() ? "" : ", ") + process->spec().name;
		return names;
	}

	double timeout_seconds() const { return static_cast<double>(scenario_.timeout_ns) / 1e9; }

	Clock::time_point deadline_from_now() const
	{
		return Clock::now() + std::chrono::nanoseconds(scenario_.timeout_ns);
	}

	const Scenario &scenario_;
	const RunOptions &options_;
	Progress quiet_{Progress::Style::quiet};
	Progress &progress_;
	RunResult result_;
	InterruptWatch interrupts_;
	std::unique_ptr<MachineRunLock> machine_;  // released last, after everything else is undone
	std::unique_ptr<TracefsMount> tracefs_;
	std::unique_ptr<DebugfsMount> debugfs_;  // for the debugfs snapshots (extfrag_index, unusable_index)
	std::unique_ptr<WorkloadCgroup> cgroup_;
	std::unique_ptr<LoadedModule> module_;
	SysctlGuard sysctls_;
	std::vector<int> module_workers_;
	std::vector<std::unique_ptr<BpfCollector>> collectors_;
	std::vector<std::unique_ptr<WorkloadProcess>> processes_;
	std::map<WorkloadProcess *, std::string> state_;
	static constexpr const char *ended_state = "ended";
	std::uint64_t oom_kills_before_ = 0;
	KernelFacts facts_;
	std::vector<Metric> before_;
	bool before_taken_ = false;
	std::string scratch_root_;
};

}  // namespace

RunResult run_scenario(const Scenario &scenario, const RunOptions &options)
{
	return ScenarioRun(scenario, options).execute();
}

}  // namespace kmh
