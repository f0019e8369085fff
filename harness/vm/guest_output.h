// What the guest sent home on its console: the harness's exit code and its output folder.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kmh {

struct GuestOutput {
	std::optional<int> exit_code;  // the guest harness's exit code, when it was sent
	std::string tar;               // the output folder as a gzip'd tar archive (decoded)
	bool complete = false;         // the end line arrived: nothing was cut off
};

// Parses the console lines (carriage returns already removed; see guest_init.h for the framing).
// A line inside the frame that is not base64 (an emergency kernel message) is skipped.
// Throws run_error when the base64 between the begin and end lines does not decode.
GuestOutput parse_guest_output(const std::vector<std::string> &console);

// The console lines without the transfer's base64 lines (one line says how many were taken),
// as console.log keeps them.
std::vector<std::string> console_without_output(const std::vector<std::string> &console);

// Unpacks the archive into `directory` with tar. Throws run_error when that fails.
void extract_guest_output(const GuestOutput &output, const std::string &directory);

}  // namespace kmh
