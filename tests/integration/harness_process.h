// Runs a program (looked up in PATH) without a shell, captures its exit status, stdout and stderr, and can signal it meanwhile.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace kmh::integration {

struct ProcessOutcome {
	int exit_code = -1;    // -1 when the process was ended by a signal
	int term_signal = 0;   // the signal that ended it, 0 when it exited
	bool timed_out = false; // it outlived its time limit and was killed
	double seconds = 0;    // wall-clock time from start to exit
	std::string out;
	std::string err;
};

// A started child process whose output pipes are read while the caller waits or pumps.
class ChildProcess {
public:
	explicit ChildProcess(const std::vector<std::string> &argv);
	~ChildProcess();
	ChildProcess(const ChildProcess &) = delete;
	ChildProcess &operator=(const ChildProcess &) = delete;

	pid_t pid() const { return pid_; }
	// False once the child closed stdout and stderr, which it does by exiting.
	bool output_open() const { return out_fd_ >= 0 || err_fd_ >= 0; }

	// Reads the child's output for `span` (less when both pipes reach end of file).
	void pump_output_for(std::chrono::milliseconds span);
	void send_signal(int signal_number);
	// What the child wrote to stderr so far (pumped or waited for).
	const std::string &error_so_far() const { return outcome_.err; }
	// Waits for the child to exit; past `limit` it is killed and the outcome says timed_out.
	ProcessOutcome wait(std::chrono::seconds limit);

private:
	void read_ready(int timeout_ms);
	void read_one(int &fd, std::string &sink);

	pid_t pid_ = -1;
	int out_fd_ = -1;
	int err_fd_ = -1;
	std::chrono::steady_clock::time_point started_;
	ProcessOutcome outcome_;
};

// Runs argv to its end (at most `limit`).
ProcessOutcome run_process(const std::vector<std::string> &argv, std::chrono::seconds limit);

}  // namespace kmh::integration
