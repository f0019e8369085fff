// fork, parent-death signal, process group, exec: the steps between them async-signal-safe only.
#include "system/tied_child.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/error.h"

namespace kmh {

namespace {

std::vector<char *> argv_pointers(const std::vector<std::string> &argv)
{
	std::vector<char *> pointers;
	for (const std::string &argument : argv)
		pointers.push_back(const_cast<char *>(argument.c_str()));
	pointers.push_back(nullptr);
	return pointers;
}

[[noreturn]] void report_and_exit(int report_fd, int error)
{
	[[maybe_unused]] ssize_t ignored = write(report_fd, &error, sizeof(error));
	_exit(127);
}

// In the child: only async-signal-safe calls until exec. A failure writes errno to `report_fd`.
[[noreturn]] void exec_child(const TiedChildRequest &request, char *const *argv, const char *directory,
			     pid_t parent, int report_fd)
{
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
		report_and_exit(report_fd, errno);
	if (getppid() != parent)  // the harness died before the signal was set: nobody to tie to
		_exit(127);
	setpgid(0, 0);
	int input = open("/dev/null", O_RDONLY);
	if (input < 0 || dup2(input, STDIN_FILENO) < 0)
		report_and_exit(report_fd, errno);
	if (input != STDIN_FILENO)
		close(input);
	if (request.output_fd >= 0 &&
	    (dup2(request.output_fd, STDOUT_FILENO) < 0 || dup2(request.output_fd, STDERR_FILENO) < 0))
		report_and_exit(report_fd, errno);
	if (directory && chdir(directory) != 0)
		report_and_exit(report_fd, errno);
	execvp(argv[0], argv);
	report_and_exit(report_fd, errno);
}

}  // namespace

pid_t spawn_tied_child(const TiedChildRequest &request)
{
	std::vector<char *> argv = argv_pointers(request.argv);
	const char *directory = request.directory.empty() ? nullptr : request.directory.c_str();
	int report[2];
	if (pipe2(report, O_CLOEXEC) != 0)
		throw environment_error("cannot start " + request.argv[0] + ": pipe: " + std::strerror(errno));
	pid_t parent = getpid();
	pid_t child = fork();
	if (child == 0)
		exec_child(request, argv.data(), directory, parent, report[1]);
	close(report[1]);
	int error = child < 0 ? errno : 0;
	if (child > 0) {
		setpgid(child, child);  // also here, so the group exists before anyone signals it
		while (read(report[0], &error, sizeof(error)) < 0 && errno == EINTR)
			;
	}
	close(report[0]);
	if (error != 0) {
		if (child > 0)
			reap(child);
		throw environment_error("cannot start " + request.argv[0] + ": " + std::strerror(error));
	}
	return child;
}

int reap(pid_t child)
{
	int status = 0;
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

int kill_and_reap(pid_t child)
{
	kill(-child, SIGKILL);
	kill(child, SIGKILL);
	return reap(child);
}

}  // namespace kmh
