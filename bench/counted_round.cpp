// The counted round: perf stat -a around the collectors around the workload child, which perf stat -p follows.
#include "counted_round.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.h"
#include "run/file_io.h"
#include "run/workload_cgroup.h"
#include "tracer.h"

namespace kmh {

namespace {

// A forked child in the cgroup that runs the workload once the parent says go.
class WaitingChild {
public:
	WaitingChild(const BenchWorkload &workload, const WorkloadCgroup &cgroup)
	{
		int fds[2];
		if (pipe2(fds, O_CLOEXEC) != 0 || (pid_ = fork()) < 0)
			throw run_error(std::string("pipe/fork: ") + std::strerror(errno));
		if (pid_ == 0) {
			close(fds[1]);
			run_when_told(workload, cgroup, fds[0]);
		}
		close(fds[0]);
		go_fd_ = fds[1];
	}
	~WaitingChild()
	{
		if (go_fd_ >= 0)
			close(go_fd_);
		if (pid_ > 0)
			waitpid(pid_, nullptr, 0);
	}

	pid_t pid() const { return pid_; }

	void go_and_wait(const std::string &workload_name)
	{
		close(go_fd_);  // end of file is the signal
		go_fd_ = -1;
		int status = 0;
		waitpid(pid_, &status, 0);
		pid_ = -1;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			throw run_error("the " + workload_name + " loop failed in its cgroup");
	}

private:
	[[noreturn]] static void run_when_told(const BenchWorkload &workload, const WorkloadCgroup &cgroup, int go_fd)
	{
		try {
			cgroup.join_self();
			char byte;
			while (read(go_fd, &byte, 1) > 0)
				;
			workload.run();
			_exit(0);
		} catch (...) {
			_exit(1);
		}
	}

	pid_t pid_ = -1;
	int go_fd_ = -1;
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
	auto collectors = start_all_collectors(facts, CollectorSettings{AttachMode::automatic, cgroup.id(), {}});
	child.go_and_wait(workload.name);
	std::vector<Metric> metrics = read_all(collectors);
	round.perf_task = stopped_counts(std::move(perf_task), task_file, round.perf_skipped);
	round.perf_system = stopped_counts(std::move(perf_system), system_file, round.perf_skipped);
	round.ours_system = collector_event_counts(metrics, "system");
	round.ours_workload = collector_event_counts(metrics, "workload");
	return round;
}

}  // namespace kmh
