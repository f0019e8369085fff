// Which scenarios can share one guest boot: those that ask for the same machine in [target].
#pragma once

#include <cstddef>
#include <vector>

#include "scenario/scenario.h"

namespace kmh {

// Scenario indexes grouped by the guest they need (memory, cpus, kernel command line,
// accelerator, boot timeout, headers), groups in order of their first scenario, scenarios in
// the order given. A scenario with [target] own_boot is a group of its own.
std::vector<std::vector<std::size_t>> boot_groups(const std::vector<Scenario> &scenarios);

}  // namespace kmh
