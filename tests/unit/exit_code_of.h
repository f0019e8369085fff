// The exit code of the kmh::Error an action throws, for tests of error paths; passed when none.
#pragma once

#include <functional>

#include "common/error.h"

namespace kmh {

inline ExitCode exit_code_of(const std::function<void()> &action)
{
	try {
		action();
	} catch (const Error &error) {
		return error.code();
	}
	return ExitCode::passed;
}

}  // namespace kmh
