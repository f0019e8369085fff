// A tool the benchmark runs beside the workload (perf, bpftrace, kmemharness): started, watched, stopped.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kmh {

class ChildProcess {
public:
	// Starts argv[0] (looked up in PATH) with stdout and stderr in one pipe the parent reads.
	// `inherited_fds` stay open in the child (e.g. perf's control pipes). Throws run_error.
	explicit ChildProcess(const std::vector<std::string> &argv, const std::vector<int> &inherited_fds = {});
	// Kills and reaps the child when it still runs.
	~ChildProcess();
	ChildProcess(const ChildProcess &) = delete;
	ChildProcess &operator=(const ChildProcess &) = delete;

	// Reads output until a line contains `needle`; false on timeout or when the child exits first.
	bool wait_for_output(const std::string &needle, std::chrono::milliseconds timeout);
	// Sends SIGINT (again every 2 s while it runs), reads the rest of the output and reaps it; returns the exit status
	// (128 + signal when a signal ended it, -1 when it had to be killed after the timeout).
	int interrupt_and_wait(std::chrono::milliseconds timeout);
	// Waits for the child to exit on its own; returns its exit status as above.
	int wait(std::chrono::milliseconds timeout);

	const std::string &output() const { return output_; }

private:
	bool read_some(std::chrono::milliseconds timeout);
	// Waits for the exit; repeats `resend_signal` (0: none) every 2 s, as bpftrace 0.17 sometimes
	// misses a SIGINT that arrives just after it started.
	int reap(std::chrono::milliseconds timeout, int resend_signal);

	pid_t pid_ = -1;
	int output_fd_ = -1;
	std::string output_;
};

// Exit 0, or the SIGINT it was stopped with (perf re-raises it on the way out).
bool ended_cleanly(int status);

// Starts `bpftrace -e program` in `process`; returns once the program's BEGIN printed "ready"
// (bpftrace runs BEGIN once every probe is attached). Throws environment_error when bpftrace
// is not installed or does not attach (with its output); `process` is then empty.
void start_bpftrace(std::optional<ChildProcess> &process, const std::string &program);

// Stops `process` with SIGINT and empties it; returns its output. Throws run_error naming
// `name`, the exit status and the output when it did not end cleanly.
std::string stop_cleanly(std::optional<ChildProcess> &process, const std::string &name);

}  // namespace kmh
