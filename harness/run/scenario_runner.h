// Runs a validated scenario on the running kernel and returns everything it measured.
#pragma once

#include <optional>

#include "common/progress.h"
#include "report/run_result.h"
#include "run/machine_lock.h"
#include "scenario/scenario.h"
#include "workloads/workload.h"

namespace kmh {

struct RunOptions {
	std::optional<AttachMode> attach;  // overrides [collect] attach
	bool verbose = false;              // libbpf's own messages on stderr
	std::string module_path;           // the workloads module, for scenarios with kmod workloads
	Progress *progress = nullptr;
	WorkloadDescriptorLookup workloads;  // the kinds the scenario was parsed with (main: find_workload)
	MachineWait machine_wait = MachineWait::wait;  // when another run holds the machine (machine_lock.h)
};

// Holds the machine's run lock from start to end and first restores the sysctls a killed run left
// changed. Never throws kmh::Error: failures end up in the result (status, exit_code, errors),
// together with whatever was measured before them.
RunResult run_scenario(const Scenario &scenario, const RunOptions &options);

}  // namespace kmh
