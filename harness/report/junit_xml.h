// junit.xml for CI: one test suite per run, one test case per assertion and per failed workload.
#pragma once

#include <string>

#include "report/run_result.h"

namespace kmh {

// A <testsuite name="kmemharness.<scenario>"> document. Failed assertions are <failure>s, assertions
// that could not be evaluated, workloads that did not finish and an incomplete run are <error>s.
std::string junit_xml(const RunResult &result);

}  // namespace kmh
