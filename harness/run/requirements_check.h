// Checks a scenario's [requires] and its workloads' needs against this machine.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.h"

namespace kmh {

// Everything missing, one line each ("not root", "command stress-ng not found in PATH", ...).
// `tracefs_events` is the tracefs events directory ("" when tracefs is unavailable).
std::vector<std::string> missing_requirements(const Scenario &scenario, const std::string &tracefs_events);

// Throws environment_error listing every missing requirement.
void check_requirements(const Scenario &scenario, const std::string &tracefs_events);

}  // namespace kmh
