// The counted round: perf stat -a around the collectors around the workload child's loop, which perf stat -p follows.
#include "counted_round.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "common/error.h"
#include "run/workload_cgroup.h"
#include "system/errno_error.h"
#include "system/file_io.h"
#include "tracer.h"

namespace kmh {

namespace {

void wait_for_end_of_file(int fd)
{
	char byte;
	while (read(fd, &byte, 1) > 0)
		;
}

// A forked child in the cgroup that runs the workload once the parent says go, says when its loop
// is done, and exits only when released: its exit (exit_mmap's thousands of frees, which perf stat
// -p does not count) stays out of both counts.
class WaitingChild {
public:
	WaitingChild(const BenchWorkload &workload, const WorkloadCgroup &cgroup)
	{
		int go[2], done[2], release[2];
		if (pipe2(go, O_CLOEXEC) != 0 || pipe2(done, O_CLOEXEC) != 0 || pipe2(release, O_CLOEXEC) != 0 ||
		    (pid_ = fork()) < 0)
			throw errno_error(ExitCode::run_failed, "pipe/fork");
		if (pid_ == 0) {
			close(go[1]);
			close(done[0]);
			close(release[1]);
			run_when_told(workload, cgroup, go[0], done[1], release[0]);
		}
		close(go[0]);
		close(done[1]);
		close(release[0]);
		go_fd_ = go[1];
		done_fd_ = done[0];
		release_fd_ = release[1];
	}
	~WaitingChild()
	{
		for (int fd : {go_fd_, done_fd_, release_fd_})
			if (fd >= 0)
				close(fd);
		if (pid_ > 0)
			waitpid(pid_, nullptr, 0);
	}

	pid_t pid() const { return pid_; }

	// Starts the loop and returns when it is done; the child then waits to be released.
	void go_and_wait_for_loop(const std::string &workload_name)
	{
		close(go_fd_);  // end of file is the signal
		go_fd_ = -1;
		char byte = 0;
		if (read(done_fd_, &byte, 1) != 1)
			throw run_error("the " + workload_name + " loop failed in its cgroup");
	}

	void release_and_reap(const std::string &workload_name)
	{
		close(release_fd_);
		release_fd_ = -1;
		int status = 0;
		waitpid(pid_, &status, 0);
		pid_ = -1;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			throw run_error("the " + workload_name + " loop failed in its cgroup");
	}

private:
	[[noreturn]] static void run_when_told(const BenchWorkload &workload, const WorkloadCgroup &cgroup, int go_fd,
					       int done_fd, int release_fd)
	{
		try {
			cgroup.join_self();
			wait_for_end_of_file(go_fd);
			workload.run();
			char done = 1;
			if (write(done_fd, &done, 1) != 1)
				_exit(1);
			wait_for_end_of_file(release_fd);
			_exit(0);
		} catch (...) {
			_exit(1);
		}
	}

	pid_t pid_ = -1;
	int go_fd_ = -1;
	int done_fd_ = -1;
	int release_fd_ = -1;
};

std::vector<Metric> read_all(std::vector<std::unique_ptr<BpfCollector>> &collectors)
{
	std::vector<Metric> metrics;
	for (auto &collector : collectors)
		collector->stop();
	for (auto &collector : collectors) {
		std::vector<Metric> read = collector->read();
		metrics.insert(metrics.end(), read.begin(), read.end());
	}
	return metrics;
}

// Starts perf; on failure records why and returns nullptr.
std::unique_ptr<Tracer> started(std::unique_ptr<Tracer> perf, std::string &skipped)
{
	try {
		perf->start();
		return perf;
	} catch (const Error &error) {
		skipped += error.what();
		return nullptr;
	}
}

EventCounts stopped_counts(std::unique_ptr<Tracer> perf, const std::string &output_file, std::string &skipped)
{
	if (!perf)
		return {};
	try {
		perf->stop();
		return parse_perf_stat_csv(read_text_file(output_file).value_or(""));
	} catch (const Error &error) {
		skipped += error.what();
		return {};
	}
}

}  // namespace

CountedRound count_workload_events(const BenchWorkload &workload, const KernelFacts &facts,
				   const std::string &scratch_prefix)
{
	CountedRound round;
	WorkloadCgroup cgroup;
	WaitingChild child(workload, cgroup);
	std::string system_file = scratch_prefix + ".perf_stat_system";
	std::string task_file = scratch_prefix + ".perf_stat_task";
	auto perf_system = started(make_perf_stat_tracer(system_file), round.perf_skipped);
	auto perf_task = started(make_perf_stat_task_tracer(task_file, child.pid()), round.perf_skipped);
	// "any": the interrupts landing on the loop's task are counted too, under their context, to be shown apart.
	auto collectors = start_all_collectors(
		facts, CollectorSettings{AttachMode::automatic, cgroup.id(), {}, {}, WorkloadContextMode::any});
	child.go_and_wait_for_loop(workload.name);
	std::vector<Metric> metrics = read_all(collectors);
	round.perf_task = stopped_counts(std::move(perf_task), task_file, round.perf_skipped);
	round.perf_system = stopped_counts(std::move(perf_system), system_file, round.perf_skipped);
	child.release_and_reap(workload.name);
	round.ours_system = collector_event_counts(metrics, "system");
	round.ours_workload = collector_event_counts(metrics, "workload", "task");
	round.ours_workload_softirq = collector_event_counts(metrics, "workload", "softirq");
	round.ours_workload_hardirq = collector_event_counts(metrics, "workload", "hardirq");
	for (const auto &[tracepoint, events] : collector_event_counts(metrics, "workload", "nmi"))
		round.ours_workload_hardirq[tracepoint] += events;
	return round;
}

}  // namespace kmh
