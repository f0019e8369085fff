// A run in KTAP v1 (the kernel's Documentation/dev-tools/ktap.rst): a test for the scenario, a subtest per assertion.
#pragma once

#include <cstddef>
#include <string>

#include "report/run_result.h"

namespace kmh {

// The scenario as test `number` at nesting `depth` (0: the top level, indented two spaces a level):
// its subtests (one per assertion, one per workload that did not end as allowed, one when the run
// did not complete) with version line and plan, then its own result line. A run the machine could
// not run (exit 3) is "ok N name # SKIP reason" without subtests; one that failed before any
// assertion "not ok N name # ERROR reason".
std::string ktap_scenario_test(const RunResult &result, std::size_t number, int depth);

// A line's text with '#' (which starts a directive) and line breaks made spaces, runs of spaces one.
std::string ktap_text(const std::string &text);

// KTAP version 1, plan 1..1, the scenario test.
std::string ktap_report(const RunResult &result);

}  // namespace kmh
