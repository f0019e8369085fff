// What the guest sent home on its second serial port: the harness's exit code and its output folder.
#pragma once

#include <optional>
#include <string>

namespace kmh {

struct GuestOutput {
	std::optional<int> exit_code;  // the guest harness's exit code, when it was sent
	std::string tar;               // the output folder as a tar archive (decoded)
	bool complete = false;         // the end line arrived: nothing was cut off
};

// Parses the data port's text (see guest_init.h for its lines); carriage returns are ignored.
// Throws run_error when the base64 between the begin and end lines does not decode.
GuestOutput parse_guest_output(const std::string &text);

// Unpacks output.tar into `directory` with tar. Throws run_error when that fails.
void extract_guest_output(const GuestOutput &output, const std::string &directory);

}  // namespace kmh
