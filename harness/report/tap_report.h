// TAP version 13 for `kmemharness run --tap`: one test point per assertion and per failed workload.
#pragma once

#include <string>

#include "report/run_result.h"

namespace kmh {

// "TAP version 13", the plan "1..N", then "ok N - name" or "not ok N - name" followed by a YAML
// diagnostic block. A run that did not complete yields "Bail out! <reason>" when it evaluated no
// assertion, and otherwise a final "not ok" test point "run completed" listing its errors.
std::string tap_report(const RunResult &result);

}  // namespace kmh
