// Deciding from a finished guest whether its kernel crashed, hung or never booted (exit code 5).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/exit_code.h"
#include "vm/qemu_launch.h"

namespace kmh {

struct GuestFailure {
	ExitCode code = ExitCode::kernel_crashed;
	std::vector<std::string> errors;  // the reason first, then the console lines that show it
};

// The kernel's failure, if any: a crash line on the console (oops, BUG, panic, general protection
// fault), a boot or run timeout, or a guest that stopped before /init came up. Exit 5 rests on
// the console: a timeout or an early stop with no kernel line on it is exit 4 instead (QEMU or
// the host, not the kernel). An interrupted guest is no failure. `accel` and the deadlines only
// word the messages.
std::optional<GuestFailure> guest_failure(const GuestRun &run, const std::string &accel,
					  const GuestDeadlines &deadlines);

}  // namespace kmh
