// One `kmemharness run` of a scenario, timed from outside and read back from its result.json.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "report/run_result.h"

namespace kmh {

struct HarnessRun {
	double wall_seconds = 0;  // fork to exit, as a user waits for it
	int exit_code = 0;
	RunResult result;
};

// Runs `binary run scenario --output output_dir --quiet [extra_args]`. Throws kmh::Error:
// environment when the run exits 3 (says why), run_failed for any other failure to produce a
// result.json.
HarnessRun run_kmemharness(const std::string &binary, const std::string &scenario, const std::string &output_dir,
			   const std::vector<std::string> &extra_args = {});

// Per event-count family (see counts_tracepoint_events): {scope=system total, scope=workload total}.
std::map<std::string, std::pair<double, double>> scoped_family_totals(const MetricStore &metrics);

double stage_seconds(const RunResult &result, const std::string &stage);

}  // namespace kmh
