// Starting a program tied to the harness, its output collected through a pipe, a caught signal passed on to it.
#include "vm/command.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <signal.h>

#include <cerrno>
#include <chrono>
#include <optional>
#include <cstring>
#include <sstream>

#include "common/error.h"
#include "system/errno_error.h"
#include "system/interrupt_watch.h"
#include "system/tied_child.h"

namespace kmh {

namespace {

constexpr int interrupt_check_ms = 100;
constexpr std::chrono::seconds signal_grace{ 20 };  // to end after the signal, before SIGKILL

// Everything the child writes until it closes the pipe. A signal the InterruptWatch caught
// meanwhile is passed on to the child's process group, which gets `signal_grace` to end.
std::string read_all(int fd, pid_t child)
{
	std::string text;
	char buffer[4096];
	std::optional<std::chrono::steady_clock::time_point> kill_at;
	for (;;) {
		if (int caught = InterruptWatch::pending_signal(); caught != 0 && !kill_at) {
			kill(-child, caught);
			kill_at = std::chrono::steady_clock::now() + signal_grace;
		}
		if (kill_at && std::chrono::steady_clock::now() > *kill_at)
			kill(-child, SIGKILL);
		pollfd ready{ fd, POLLIN, 0 };
		if (poll(&ready, 1, interrupt_check_ms) <= 0)
			continue;
		ssize_t count = read(fd, buffer, sizeof(buffer));
		if (count == 0 || (count < 0 && errno != EINTR))
			return text;
		if (count > 0)
			text.append(buffer, static_cast<std::size_t>(count));
	}
}

}  // namespace

CommandOutput run_command(const std::vector<std::string> &argv, const std::string &directory, OnSignal on_signal)
{
	int pipe_fds[2];
	if (pipe2(pipe_fds, O_CLOEXEC) != 0)
		throw errno_error(ExitCode::run_failed, "pipe");
	pid_t pid;
	try {
		pid = spawn_tied_child({ argv, directory, pipe_fds[1] });
	} catch (...) {
		close(pipe_fds[0]);
		close(pipe_fds[1]);
		throw;
	}
	close(pipe_fds[1]);
	CommandOutput result;
	result.output = read_all(pipe_fds[0], pid);
	close(pipe_fds[0]);
	int status = reap(pid);
	result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (on_signal == OnSignal::stop)
		InterruptWatch::throw_if_signalled();
	return result;
}

std::string last_lines(const std::string &text, std::size_t count)
{
	std::vector<std::string> lines;
	std::istringstream stream(text);
	for (std::string line; std::getline(stream, line);)
		lines.push_back(line);
	std::size_t first = lines.size() > count ? lines.size() - count : 0;
	std::string tail;
	for (std::size_t i = first; i < lines.size(); i++)
		tail += (i == first ? "" : "\n") + lines[i];
	return tail;
}

}  // namespace kmh
