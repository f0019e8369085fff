// The kmh::Error of a failed system call: what was attempted, then what errno says.
#pragma once

#include <cerrno>
#include <string>

#include "common/error.h"

namespace kmh {

// Error(code, "<what>: <strerror(error)>"), e.g. errno_error(ExitCode::run_failed, "fork") gives
// "fork: Resource temporarily unavailable". Pass `error` when errno was saved before other calls.
Error errno_error(ExitCode code, const std::string &what, int error = errno);

}  // namespace kmh
