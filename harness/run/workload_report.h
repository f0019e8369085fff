// Turning a workload child's messages into the WorkloadResult of result.json.
#pragma once

#include <string>

#include "common/exit_code.h"
#include "report/run_result.h"
#include "scenario/scenario.h"

namespace kmh {

struct WorkloadFailure {
	ExitCode code = ExitCode::run_failed;
	std::string message;
};

// The result a workload starts with: its spec, options echoed, status "not_started".
WorkloadResult initial_workload_result(const WorkloadSpec &spec);

// "error <exit code> <text>" → code and text.
WorkloadFailure parse_workload_failure(const std::string &message);

// Applies a report's JSON: status ok, duration, metrics named workload.<name>.<metric>.
// Throws run_error on JSON that is not a report.
void apply_workload_report(WorkloadResult &workload, const std::string &report_json);

}  // namespace kmh
