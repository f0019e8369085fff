// Classifying a guest's end from its console lines and how QEMU stopped.
#include "vm/guest_failure.h"

#include <algorithm>

#include <fmt/core.h>

#include "vm/console_scan.h"

namespace kmh {

namespace {

constexpr std::size_t crash_context_lines = 30;
constexpr std::size_t console_tail_lines = 20;

// The console's last lines but the heartbeats, which only say the guest was alive.
std::vector<std::string> console_tail(const std::vector<std::string> &console)
{
	std::vector<std::string> tail;
	for (auto line = console.rbegin(); line != console.rend() && tail.size() < console_tail_lines; ++line)
		if (*line != guest_heartbeat_line)
			tail.insert(tail.begin(), *line);
	return tail;
}

GuestFailure failure(ExitCode code, std::string reason, const std::vector<std::string> &lines)
{
	GuestFailure found;
	found.code = code;
	found.errors.push_back(std::move(reason));
	found.errors.insert(found.errors.end(), lines.begin(), lines.end());
	return found;
}

// Seconds from the console's last output (a line, or part of one) to the end of the run.
double console_silence(const GuestRun &run)
{
	double last_line = run.line_seconds.empty() ? 0 : run.line_seconds.back();
	return run.total_seconds - std::max(last_line, run.last_output_seconds);
}

// A boot deadline passed while the kernel still printed: it was booting slowly (TCG runs every
// vCPU on one host thread: a guest of many vCPUs boots that much slower), not stopped.
GuestFailure still_booting(const GuestRun &run, const std::string &accel, const GuestDeadlines &deadlines)
{
	return failure(ExitCode::run_failed,
		       fmt::format("the guest was still booting at the boot timeout of {:.0f} s ({}): its console's "
				   "last output came {:.1f} s before it; the kernel had not stopped, the host was too "
				   "slow for it (a loaded host, or more vCPUs than TCG boots in time: raise [target] "
				   "boot_timeout or lower cpus); last console lines follow",
				   deadlines.boot_seconds, accel, console_silence(run)),
		       console_tail(run.console));
}

// A run deadline passed while the console still printed: the guest was slow, not stopped.
GuestFailure still_running(const GuestRun &run, const std::string &accel, const GuestDeadlines &deadlines)
{
	return failure(ExitCode::run_failed,
		       fmt::format("the guest was still running at the host's deadline of {:.0f} s ({}): its console's "
				   "last line came {:.1f} s before it, and its harness beats every {} s; the scenario "
				   "did not finish within its timeout and the slack on this host, which says nothing "
				   "about the kernel (a loaded host, or a timeout too short); last console lines follow",
				   deadlines.run_seconds, accel, console_silence(run), guest_heartbeat_seconds),
		       console_tail(run.console));
}

// Evidence that the kernel ran: without a kernel line on the console, a guest that stops or
// times out says nothing about the kernel (QEMU could not start it, or the host was too slow).
bool printed_kernel_lines(const GuestRun &run)
{
	return run.kernel_started || std::any_of(run.console.begin(), run.console.end(),
						 [](const std::string &line) { return is_kernel_message(line); });
}

}  // namespace

std::optional<GuestFailure> guest_failure(const GuestRun &run, const std::string &accel,
					  const GuestDeadlines &deadlines)
{
	std::vector<std::string> crash = crash_excerpt(run.console, crash_context_lines);
	if (!crash.empty())
		return failure(ExitCode::kernel_crashed, "the guest kernel crashed; its console lines follow", crash);
	bool evidence = printed_kernel_lines(run);
	ExitCode code = evidence ? ExitCode::kernel_crashed : ExitCode::run_failed;
	std::string silence = evidence ? "" : "; the kernel printed nothing, so this says nothing about it (QEMU could "
					     "not start it, or the host was too slow)";
	switch (run.end) {
	case GuestEnd::boot_timeout:
		if (evidence && run.kernel_started && console_silence(run) < guest_silence_seconds)
			return still_booting(run, accel, deadlines);
		return failure(code, fmt::format("the guest did not reach /init within the boot timeout of {:.0f} s "
						 "({}){}; last console lines follow",
						 deadlines.boot_seconds, accel, silence),
			       console_tail(run.console));
	case GuestEnd::run_timeout:
		if (evidence && console_silence(run) < guest_silence_seconds)
			return still_running(run, accel, deadlines);
		return failure(code, fmt::format("the guest hung: it did not power off within {:.0f} s ({}), and its "
						 "console was silent for the last {:.0f} s{}; last console lines follow",
						 deadlines.run_seconds, accel, console_silence(run), silence),
			       console_tail(run.console));
	case GuestEnd::interrupted:  // the harness was told to stop: nothing the kernel did
		return std::nullopt;
	case GuestEnd::exited:
		break;
	}
	if (!run.booted)
		return failure(code, fmt::format("the guest stopped before /init came up (QEMU exit status {}){}; "
						 "last console lines follow",
						 run.qemu_exit_status, silence),
			       console_tail(run.console));
	return std::nullopt;
}

}  // namespace kmh
