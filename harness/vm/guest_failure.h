// Deciding from a finished guest whether its kernel crashed, hung or never booted (exit code 5).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/exit_code.h"
#include "vm/guest_init.h"
#include "vm/qemu_launch.h"

namespace kmh {

// A console silent this long before a run deadline is a guest that stopped: three missed beats.
inline constexpr double guest_silence_seconds = 3 * guest_heartbeat_seconds;

struct GuestFailure {
	ExitCode code = ExitCode::kernel_crashed;
	std::vector<std::string> errors;  // the reason first, then the console lines that show it
};

// The kernel's failure, if any: a crash line on the console (oops, BUG, panic, general protection
// fault), a boot timeout, a run timeout after a console silent for guest_silence_seconds (the
// guest's harness beats every guest_heartbeat_seconds), or a guest that stopped before /init came
// up. Exit 5 rests on the console: a timeout or an early stop with no kernel line on it, or a run
// timeout whose console was still printing (a guest too slow for its deadline, not a stopped
// one), is exit 4 instead. An interrupted guest is no failure. `accel` and the deadlines only word
// the messages.
std::optional<GuestFailure> guest_failure(const GuestRun &run, const std::string &accel,
					  const GuestDeadlines &deadlines);

}  // namespace kmh
