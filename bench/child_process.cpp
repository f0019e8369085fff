// Starting a helper tool with its output in a pipe, waiting for a line, interrupting and reaping it.
#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "common/error.h"
#include "common/external_programs.h"
#include "system/errno_error.h"

namespace kmh {

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void exec_child(const std::vector<std::string> &argv, int output_fd,
			     const std::vector<int> &inherited_fds)
{
	signal(SIGINT, SIG_DFL);  // a shell's background job passes SIGINT on ignored
	dup2(output_fd, STDOUT_FILENO);
	dup2(output_fd, STDERR_FILENO);
	for (int fd : inherited_fds)
		fcntl(fd, F_SETFD, 0);
	std::vector<char *> args;
	for (const std::string &arg : argv)
		args.push_back(const_cast<char *>(arg.c_str()));
	args.push_back(nullptr);
	execvp(args[0], args.data());
	_exit(127);
}

// The exit code, or 128 + the signal for a child killed by a signal (as shells report it).
int exit_status(int status)
{
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string> &argv, const std::vector<int> &inherited_fds)
{
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0)
		throw errno_error(ExitCode::run_failed, "pipe");
	pid_ = fork();
	if (pid_ < 0)
		throw errno_error(ExitCode::run_failed, "fork");
	if (pid_ == 0)
		exec_child(argv, fds[1], inherited_fds);
	close(fds[1]);
	output_fd_ = fds[0];
}

ChildProcess::~ChildProcess()
{
	if (pid_ > 0) {
		kill(pid_, SIGKILL);
		waitpid(pid_, nullptr, 0);
	}
	if (output_fd_ >= 0)
		close(output_fd_);
}

bool ChildProcess::read_some(std::chrono::milliseconds timeout)
{
	pollfd ready{output_fd_, POLLIN, 0};
	if (poll(&ready, 1, static_cast<int>(timeout.count())) <= 0)
		return false;
	char buffer[4096];
	ssize_t got = read(output_fd_, buffer, sizeof(buffer));
	if (got <= 0)
		return false;
	output_.append(buffer, static_cast<size_t>(got));
	return true;
}

bool ChildProcess::wait_for_output(const std::string &needle, std::chrono::milliseconds timeout)
{
	auto deadline = Clock::now() + timeout;
	while (output_.find(needle) == std::string::npos) {
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
		if (left.count() <= 0 || !read_some(left))
			return false;
	}
	return true;
}

int ChildProcess::reap(std::chrono::milliseconds timeout, int resend_signal)
{
	auto deadline = Clock::now() + timeout;
	auto resend_at = Clock::now() + std::chrono::seconds(2);
	while (Clock::now() < deadline) {
		read_some(std::chrono::milliseconds(10));
		int status;
		if (waitpid(pid_, &status, WNOHANG) == pid_) {
			while (read_some(std::chrono::milliseconds(0)))
				;
			pid_ = -1;
			return exit_status(status);
		}
		if (resend_signal && Clock::now() > resend_at) {
			kill(pid_, resend_signal);
			resend_at = Clock::now() + std::chrono::seconds(2);
		}
	}
	kill(pid_, SIGKILL);
	waitpid(pid_, nullptr, 0);
	pid_ = -1;
	return -1;
}

int ChildProcess::interrupt_and_wait(std::chrono::milliseconds timeout)
{
	kill(pid_, SIGINT);
	return reap(timeout, SIGINT);
}

int ChildProcess::wait(std::chrono::milliseconds timeout)
{
	return reap(timeout, 0);
}

bool ended_cleanly(int status)
{
	return status == 0 || status == 128 + SIGINT;
}

void start_bpftrace(std::optional<ChildProcess> &process, const std::string &program)
{
	process.emplace(std::vector<std::string>{require_program("bpftrace"), "-e", program});
	if (process->wait_for_output("ready\n", std::chrono::milliseconds(60000)))
		return;
	process->interrupt_and_wait(std::chrono::milliseconds(5000));
	std::string output = process->output();
	process.reset();
	throw environment_error("bpftrace did not attach:\n" + output);
}

std::string stop_cleanly(std::optional<ChildProcess> &process, const std::string &name)
{
	int status = process->interrupt_and_wait(std::chrono::milliseconds(30000));
	std::string output = process->output();
	process.reset();
	if (!ended_cleanly(status))
		throw run_error(name + " exited with status " + std::to_string(status) + ":\n" + output);
	return output;
}

}  // namespace kmh
