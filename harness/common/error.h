// The one exception type that carries an exit code up to main().
#pragma once

#include <stdexcept>
#include <string>

#include "common/exit_code.h"

namespace kmh {

class Error : public std::runtime_error {
public:
	Error(ExitCode code, const std::string &message) : std::runtime_error(message), code_(code) {}
	ExitCode code() const { return code_; }

private:
	ExitCode code_;
};

// A scenario or command-line problem: exit 2.
inline Error invalid_input(const std::string &message) { return Error(ExitCode::invalid_input, message); }
// The machine lacks something the run needs: exit 3.
inline Error environment_error(const std::string &message) { return Error(ExitCode::environment, message); }
// The run itself went wrong: exit 4.
inline Error run_error(const std::string &message) { return Error(ExitCode::run_failed, message); }

}  // namespace kmh
