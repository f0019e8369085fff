// Self-pipe signal handling: the handler only records the signal and writes one byte.
#include "system/interrupt_watch.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <fmt/core.h>

#include "common/error.h"

namespace kmh {

namespace {

int pipe_fds[2] = {-1, -1};
volatile sig_atomic_t received_signal = 0;
const int watched_signals[] = {SIGINT, SIGTERM, SIGHUP};
struct sigaction previous[3];
int installed_watches = 0;  // watches nest (a matrix's around its VM runs): the outermost installs

void on_signal(int number)
{
	received_signal = number;
	char byte = 1;
	[[maybe_unused]] ssize_t ignored = write(pipe_fds[1], &byte, 1);
}

}  // namespace

InterruptWatch::InterruptWatch()
{
	if (installed_watches++ > 0)
		return;
	received_signal = 0;
	if (pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0)
		pipe_fds[0] = pipe_fds[1] = -1;
	struct sigaction action {};
	action.sa_handler = on_signal;
	sigemptyset(&action.sa_mask);
	for (int i = 0; i < 3; ++i)
		sigaction(watched_signals[i], &action, &previous[i]);
}

InterruptWatch::~InterruptWatch()
{
	if (--installed_watches > 0)
		return;
	for (int i = 0; i < 3; ++i)
		sigaction(watched_signals[i], &previous[i], nullptr);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	pipe_fds[0] = pipe_fds[1] = -1;
}

int InterruptWatch::fd() const { return pipe_fds[0]; }

bool InterruptWatch::interrupted() const { return received_signal != 0; }

int InterruptWatch::signal_number() const { return received_signal; }

int InterruptWatch::pending_signal() { return received_signal; }

void InterruptWatch::throw_if_signalled()
{
	if (received_signal != 0)
		throw run_error(fmt::format("interrupted by signal {}", static_cast<int>(received_signal)));
}

void InterruptWatch::reset_in_child()
{
	for (int number : watched_signals)
		signal(number, SIG_DFL);
}

}  // namespace kmh
