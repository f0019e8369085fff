// How the scenario parser learns which workload kinds exist and what options each one takes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "workloads/workload.h"

namespace kmh {

// The registered workload kind of that name, or nullptr (main passes kmh::find_workload).
// Declared identically in assertions/assertion_validator.h.
using WorkloadLookup = std::function<const WorkloadDescriptor *(const std::string &kind)>;

// The kinds of a descriptor table, in its order, e.g. workload_kinds(workload_registry()): what
// the parser lists when a scenario names an unknown kind.
std::vector<std::string> workload_kinds(const std::vector<WorkloadDescriptor> &descriptors);

}  // namespace kmh
