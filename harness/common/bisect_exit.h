// kmemharness's exit codes mapped onto git bisect run's: 0 good, 1 bad, 125 skip, 128 abort.
#pragma once

#include "common/exit_code.h"

namespace kmh {

// What a crashed or hung kernel under test (exit 5) says about the commit.
enum class BisectCrash { bad, skip };

inline constexpr int bisect_good = 0;
inline constexpr int bisect_bad = 1;
inline constexpr int bisect_skip = 125;
inline constexpr int bisect_abort = 128;

// 0 passed -> good; 1 assertion or gate failed -> bad; 2 invalid scenario or command line ->
// abort (the same on every commit: bisecting on would blame the wrong one); 3 environment and
// 4 run failed (infrastructure, a guest that never booted) -> skip; 5 kernel crashed -> bad, or
// skip when asked. Any other code is treated as 4.
int bisect_exit_code(int harness_code, BisectCrash crash);

}  // namespace kmh
