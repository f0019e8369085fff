// Where a VM run's seconds go: repeated `kmemharness run --kernel` of a module scenario.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness_run.h"

namespace kmh {

struct VmRunsReport {
	std::string kernel;    // the image booted
	std::string scenario;
	std::vector<HarnessRun> runs;
	std::string skipped;   // why there are no runs, or ""
};

// Runs `binary run --kernel kernel scenario` `runs` times (kernel "": the installed generic
// Debian 6.1 kernel with headers); a run that cannot happen here is recorded as skipped.
VmRunsReport measure_vm_runs(const std::string &binary, const std::string &kernel, const std::string &scenario,
			     int runs, const std::string &scratch_dir);

void print_vm_runs(const VmRunsReport &report);
nlohmann::json vm_runs_json(const VmRunsReport &report);

}  // namespace kmh
