// Checking a scenario's assertions before anything runs: syntax, metric names and label names.
#pragma once

#include <string>

#include "scenario/scenario.h"
#include "scenario/workload_schema.h"

namespace kmh {

// Every referenced metric must be a catalog family with labels among the family's (kernel-keyed
// families such as meminfo.* take none), or workload.<name>.<metric> for a [[workload]] of this
// scenario whose kind declares <metric>, with labels among that metric's. On BPF collector
// families, =/!= on scope and *migratetype must name a value those labels can have.
// Throws kmh::invalid_input: "<file>:<line>:<col>: [[assert]] #N: <problem> (column C of the
// expression)", with "did you mean 'x'?" or the accepted names for unknown names.
void validate_assertions(const Scenario &scenario, const WorkloadLookup &lookup);

}  // namespace kmh
