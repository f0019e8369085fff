// The [[workload]] tables of a scenario: kind, name, phase, CPUs and the kind's own options.
#pragma once

#include <vector>

#include <toml++/toml.h>

#include "scenario/scenario.h"
#include "scenario/workload_schema.h"

namespace kmh {

// One WorkloadSpec per table of `tables` (which holds only tables), in file order, with unique
// names. Throws invalid_input.
// `known_kinds` are listed when a table names a kind `lookup` does not know.
std::vector<WorkloadSpec> read_workloads(const toml::array &tables, const WorkloadLookup &lookup,
					 const std::vector<std::string> &known_kinds);

}  // namespace kmh
