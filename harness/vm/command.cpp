// Starting a program with posix_spawn, its output collected through a pipe.
#include "vm/command.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "common/error.h"
#include "system/errno_error.h"

extern char **environ;

namespace kmh {

namespace {

std::string read_all(int fd)
{
	std::string text;
	char buffer[4096];
	ssize_t count;
	while ((count = read(fd, buffer, sizeof(buffer))) > 0 || (count < 0 && errno == EINTR))
		if (count > 0)
			text.append(buffer, static_cast<std::size_t>(count));
	return text;
}

int wait_status(pid_t pid)
{
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<char *> argv_pointers(const std::vector<std::string> &argv)
{
	std::vector<char *> pointers;
	for (const std::string &argument : argv)
		pointers.push_back(const_cast<char *>(argument.c_str()));
	pointers.push_back(nullptr);
	return pointers;
}

}  // namespace

CommandOutput run_command(const std::vector<std::string> &argv, const std::string &directory)
{
	int pipe_fds[2];
	if (pipe2(pipe_fds, O_CLOEXEC) != 0)
		throw errno_error(ExitCode::run_failed, "pipe");
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
	if (!directory.empty())
		posix_spawn_file_actions_addchdir_np(&actions, directory.c_str());
	pid_t pid = 0;
	std::vector<char *> pointers = argv_pointers(argv);
	int error = posix_spawnp(&pid, argv[0].c_str(), &actions, nullptr, pointers.data(), environ);
	posix_spawn_file_actions_destroy(&actions);
	close(pipe_fds[1]);
	if (error != 0) {
		close(pipe_fds[0]);
		throw errno_error(ExitCode::environment, "cannot run " + argv[0], error);
	}
	CommandOutput result;
	result.output = read_all(pipe_fds[0]);
	close(pipe_fds[0]);
	result.exit_status = wait_status(pid);
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
