// Child processes through posix_spawn with stdout and stderr on pipes, read with poll.
#include "harness_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char **environ;

namespace kmh::integration {

namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
	int read_end = -1;
	int write_end = -1;

	Pipe()
	{
		int fds[2];
		if (pipe2(fds, O_CLOEXEC) != 0)
			throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
		read_end = fds[0];
		write_end = fds[1];
	}
};

std::vector<char *> c_arguments(const std::vector<std::string> &argv)
{
	std::vector<char *> args;
	for (const std::string &arg : argv)
		args.push_back(const_cast<char *>(arg.c_str()));
	args.push_back(nullptr);
	return args;
}

int milliseconds_until(Clock::time_point deadline)
{
	auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
	return static_cast<int>(std::max<long>(left, 0));
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string> &argv)
{
	Pipe out, err;
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, out.write_end, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&actions, err.write_end, STDERR_FILENO);
	std::vector<char *> args = c_arguments(argv);
	started_ = Clock::now();
	int failed = posix_spawnp(&pid_, args[0], &actions, nullptr, args.data(), environ);
	posix_spawn_file_actions_destroy(&actions);
	close(out.write_end);
	close(err.write_end);
	out_fd_ = out.read_end;
	err_fd_ = err.read_end;
	if (failed != 0) {
		close(out_fd_);
		close(err_fd_);
		throw std::runtime_error("cannot run " + argv[0] + ": " + std::strerror(failed));
	}
}

ChildProcess::~ChildProcess()
{
	if (pid_ > 0) {
		kill(pid_, SIGKILL);
		waitpid(pid_, nullptr, 0);
	}
	if (out_fd_ >= 0)
		close(out_fd_);
	if (err_fd_ >= 0)
		close(err_fd_);
}

void ChildProcess::read_one(int &fd, std::string &sink)
{
	char buffer[4096];
	ssize_t got = read(fd, buffer, sizeof(buffer));
	if (got > 0) {
		sink.append(buffer, static_cast<std::size_t>(got));
	} else if (got == 0 || errno != EINTR) {
		close(fd);
		fd = -1;
	}
}

void ChildProcess::read_ready(int timeout_ms)
{
	pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
	if (poll(fds, 2, timeout_ms) <= 0)
		return;
	if (fds[0].revents)
		read_one(out_fd_, outcome_.out);
	if (fds[1].revents)
		read_one(err_fd_, outcome_.err);
}

void ChildProcess::pump_output_for(std::chrono::milliseconds span)
{
	auto until = Clock::now() + span;
	while (output_open() && Clock::now() < until)
		read_ready(milliseconds_until(until));
	if (!output_open())
		std::this_thread::sleep_until(until);
}

void ChildProcess::send_signal(int signal_number)
{
	kill(pid_, signal_number);
}

ProcessOutcome ChildProcess::wait(std::chrono::seconds limit)
{
	auto deadline = Clock::now() + limit;
	while (output_open() && Clock::now() < deadline)
		read_ready(milliseconds_until(deadline));
	if (output_open()) {
		outcome_.timed_out = true;
		kill(pid_, SIGKILL);
	}
	int status = 0;
	waitpid(pid_, &status, 0);
	pid_ = -1;
	outcome_.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
	outcome_.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	outcome_.term_signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	return outcome_;
}

ProcessOutcome run_process(const std::vector<std::string> &argv, std::chrono::seconds limit)
{
	return ChildProcess(argv).wait(limit);
}

}  // namespace kmh::integration
