// A run as LAVA test results: `lava-test-case NAME --result pass|fail|skip [--measurement N --units U]` lines.
#pragma once

#include <string>

#include "report/run_result.h"

namespace kmh {

// The lines of one run, its scenario test named `scenario` (path-safe, e.g. "host-6_18_44.pcpu_bounce"): one for the
// run (pass on exit 0, skip on exit 3, fail otherwise; its seconds as measurement), then
// "<scenario>.<assertion>" per assertion (pass, or fail for a failed or unevaluable one; the
// observed value as measurement, with its unit when it has one). Names hold only A-Z a-z 0-9 _ - .
// and are unique; a skip's or error's reason is a shell comment line before its test case, so the
// text can be run by sh in a LAVA test shell.
std::string lava_test_cases(const RunResult &result, const std::string &scenario);

// lava_test_cases() under the scenario's own name.
std::string lava_report(const RunResult &result);

}  // namespace kmh
