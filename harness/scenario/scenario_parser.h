// Reading a scenario file (TOML) into a validated Scenario; every error names file:line:column.
#pragma once

#include <string>
#include <vector>

#include "scenario/collector_names.h"
#include "scenario/scenario.h"
#include "scenario/workload_schema.h"

namespace kmh {

// Reads and validates the file; `lookup` gives each workload kind's schema (its options),
// `known_kinds` are listed when the file names an unknown kind, `collectors` are those [collect]
// may name. Throws invalid_input (exit 2) for an unreadable file or an invalid scenario. The
// format is documented in docs/scenario-format.md. main: parse_scenario_file(path,
// find_workload_schema, workload_kinds(), collector_names(collector_registry())).
Scenario parse_scenario_file(const std::string &path, const WorkloadLookup &lookup,
			     const std::vector<std::string> &known_kinds, const CollectorNames &collectors);

// The same for text already in memory; `file_name` appears in messages and gives the default name.
Scenario parse_scenario_text(const std::string &text, const std::string &file_name, const WorkloadLookup &lookup,
			     const std::vector<std::string> &known_kinds, const CollectorNames &collectors);

// Whether `name` is written as sysctl(8) writes a sysctl's name: dotted, e.g. vm.min_free_kbytes.
bool is_sysctl_name(const std::string &name);

}  // namespace kmh
