// Forking workload children and the parent's side of their socket protocol.
#include "run/workload_process.h"

#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include <nlohmann/json.hpp>

#include "common/error.h"
#include "run/workload_cgroup.h"
#include "system/errno_error.h"
#include "system/file_io.h"
#include "system/interrupt_watch.h"

namespace kmh {

namespace {

void send_message(int fd, const std::string &message)
{
	while (send(fd, message.data(), message.size(), MSG_NOSIGNAL) < 0 && errno == EINTR)
		;
}

void pin_to_cpus(const std::vector<int> &cpus)
{
	if (cpus.empty())
		return;
	cpu_set_t set;
	CPU_ZERO(&set);
	for (int cpu : cpus)
		CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0)
		throw errno_error(ExitCode::environment, "cannot run on the CPUs the scenario asks for");
}

nlohmann::json report_json(const std::vector<WorkloadMetric> &metrics, double seconds)
{
	nlohmann::json report{{"duration_s", seconds}, {"metrics", nlohmann::json::array()}};
	for (const WorkloadMetric &metric : metrics)
		report["metrics"].push_back({{"metric", metric.metric}, {"labels", metric.labels}, {"value", metric.value}});
	return report;
}

bool wait_for_go(int fd)
{
	char buffer[16];
	ssize_t got;
	while ((got = recv(fd, buffer, sizeof(buffer), 0)) < 0 && errno == EINTR)
		;
	return got == 2 && std::memcmp(buffer, "go", 2) == 0;
}

// The OOM killer's first choice, before the harness or anything else on the machine (inherited
// by what the workload starts, such as stress-ng).
const char *const first_oom_victim = "1000";

void wait_for_release(int fd)
{
	char buffer[16];
	for (;;) {
		ssize_t got = recv(fd, buffer, sizeof(buffer), 0);
		if (got == 0 || (got < 0 && errno != EINTR))
			return;
	}
}

}  // namespace

WorkloadProcess::WorkloadProcess(const WorkloadSpec &spec, const WorkloadDescriptor &descriptor,
				 std::string scratch_dir)
	: spec_(spec), descriptor_(descriptor), scratch_dir_(std::move(scratch_dir))
{
}

WorkloadProcess::~WorkloadProcess()
{
	release();
	if (pid_ > 0 && !exited_within(std::chrono::seconds(10)))
		kill_all();
	reap();
	if (socket_ >= 0)
		close(socket_);
}

bool WorkloadProcess::exited_within(std::chrono::milliseconds grace)
{
	auto deadline = std::chrono::steady_clock::now() + grace;
	while (std::chrono::steady_clock::now() < deadline) {
		int status;
		if (waitpid(pid_, &status, WNOHANG) != 0) {
			pid_ = -1;
			return true;
		}
		std::this_thread::sleep_for(std::chrono::milliseconds(5));
	}
	return false;
}

void WorkloadProcess::spawn(const WorkloadCgroup &cgroup)
{
	int fds[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) != 0)
		throw errno_error(ExitCode::run_failed, "socketpair");
	pid_ = fork();
	if (pid_ < 0)
		throw errno_error(ExitCode::run_failed, "fork");
	if (pid_ == 0) {
		close(fds[0]);
		child_main(fds[1], cgroup);
	}
	close(fds[1]);
	socket_ = fds[0];
	setpgid(pid_, pid_);
}

void WorkloadProcess::child_main(int fd, const WorkloadCgroup &cgroup)
{
	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	InterruptWatch::reset_in_child();
	int code = 0;
	try {
		cgroup.join_self();
		write_text_file("/proc/self/oom_score_adj", first_oom_victim);
		pin_to_cpus(spec_.cpus);
		WorkloadContext context{spec_.name, &spec_.options, spec_.cpus, scratch_dir_};
		std::unique_ptr<Workload> workload = descriptor_.create(context);
		workload->prepare();
		send_message(fd, "ready");
		if (!wait_for_go(fd))
			_exit(0);
		auto started = std::chrono::steady_clock::now();
		std::vector<WorkloadMetric> metrics = workload->run();
		double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
		send_message(fd, "report " + report_json(metrics, seconds).dump());
		wait_for_release(fd);
		workload->cleanup();
	} catch (const Error &error) {
		send_message(fd, "error " + std::to_string(to_int(error.code())) + " " + error.what());
		code = 1;
	} catch (const std::exception &error) {
		send_message(fd, "error " + std::to_string(to_int(ExitCode::run_failed)) + " " + error.what());
		code = 1;
	}
	_exit(code);
}

std::optional<std::string> WorkloadProcess::receive()
{
	std::string buffer(1 << 20, '\0');
	ssize_t got;
	while ((got = recv(socket_, buffer.data(), buffer.size(), 0)) < 0 && errno == EINTR)
		;
	if (got <= 0)
		return std::nullopt;
	buffer.resize(static_cast<std::size_t>(got));
	return buffer;
}

void WorkloadProcess::send_go()
{
	send_message(socket_, "go");
}

void WorkloadProcess::release()
{
	if (socket_ >= 0)
		shutdown(socket_, SHUT_WR);
}

void WorkloadProcess::kill_all()
{
	if (pid_ > 0)
		kill(-pid_, SIGKILL);
}

std::string WorkloadProcess::reap()
{
	if (pid_ <= 0)
		return "not started";
	int status = 0;
	while (waitpid(pid_, &status, 0) < 0 && errno == EINTR)
		;
	pid_ = -1;
	if (WIFSIGNALED(status))
		return "signal " + std::to_string(WTERMSIG(status));
	return "exit " + std::to_string(WEXITSTATUS(status));
}

}  // namespace kmh
