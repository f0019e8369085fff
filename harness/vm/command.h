// Running the external tools a VM run needs (make, ldd, cpio, tar, strip) and keeping the end of their output.
#pragma once

#include <string>
#include <vector>

namespace kmh {

struct CommandOutput {
	int exit_status = -1;  // the exit code, or -1 when the command was killed by a signal
	std::string output;    // stdout and stderr, interleaved
};

// Runs argv (argv[0] looked up in PATH) in `directory` ("" = the current one) and waits for it.
// Throws environment_error when the program cannot be started.
CommandOutput run_command(const std::vector<std::string> &argv, const std::string &directory = "");

// The last `count` lines of text, for error messages about a failed command.
std::string last_lines(const std::string &text, std::size_t count);

}  // namespace kmh
