// Checks a scenario's [requires] and its workloads' needs against this machine.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "workloads/workload.h"

namespace kmh {

// Everything missing, one line each ("not root", "command stress-ng not found in PATH", ...).
// `tracefs_events` is the tracefs events directory ("" when tracefs is unavailable); `workloads`
// finds each workload's kind, whose unsupported_reason() is asked.
std::vector<std::string> missing_requirements(const Scenario &scenario, const std::string &tracefs_events,
					      const WorkloadDescriptorLookup &workloads);

// Throws environment_error listing every missing requirement.
void check_requirements(const Scenario &scenario, const std::string &tracefs_events,
			const WorkloadDescriptorLookup &workloads);

}  // namespace kmh
