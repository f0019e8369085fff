// Reading a file named by the user: a regular file only, no larger than the limit for its kind.
#pragma once

#include <cstdint>
#include <string>

#include "common/exit_code.h"

namespace kmh {

// What a file is to the harness, for messages and for the largest size accepted.
struct InputFileKind {
	const char *what;                                 // "scenario file", "kernel image", ...
	std::uint64_t max_bytes;
	ExitCode unreadable = ExitCode::invalid_input;   // the code when it cannot be opened
};

// Opens `path` without blocking (a FIFO or a device is not waited on), checks that it is a
// regular file of at most kind.max_bytes, and reads it whole, never more than the limit. Throws
// an Error naming the file, its kind and the limit: invalid_input (exit 2) for a file that is not
// regular or is too large, kind.unreadable when it cannot be opened or read.
std::string read_input_file(const std::string &path, const InputFileKind &kind);

// The same checks, without reading: for a file another program or the kernel reads.
void check_input_file(const std::string &path, const InputFileKind &kind);

// "1 MiB", "256 MiB": a limit as the messages and docs write it.
std::string byte_limit_text(std::uint64_t bytes);

}  // namespace kmh
