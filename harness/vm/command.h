// Running the external tools a VM run needs (make, ldd, cpio, tar, strip) and keeping the end of their output.
#pragma once

#include <string>
#include <vector>

namespace kmh {

struct CommandOutput {
	int exit_status = -1;  // the exit code, or -1 when the command was killed by a signal
	std::string output;    // stdout and stderr, interleaved
};

// What run_command does once a signal the InterruptWatch caught has ended the program.
enum class OnSignal {
	stop,     // throw run_error "interrupted by signal N"
	pass_on,  // return its output and exit status: it handled the signal itself (a kmemharness run)
};

// Runs argv (argv[0] looked up in PATH) in `directory` ("" = the current one) and waits for it.
// The program dies with the harness (tied_child.h) and runs in its own process group; a signal
// the InterruptWatch catches meanwhile is passed on to that group, which gets 20 s to end before
// SIGKILL. Throws environment_error when the program cannot be started.
CommandOutput run_command(const std::vector<std::string> &argv, const std::string &directory = "",
			  OnSignal on_signal = OnSignal::stop);

// The last `count` lines of text, for error messages about a failed command.
std::string last_lines(const std::string &text, std::size_t count);

}  // namespace kmh
