// A workload's own options, read from its [[workload]] table against the kind's OptionSpecs.
#pragma once

#include <vector>

#include "scenario/option.h"
#include "scenario/table_reader.h"

namespace kmh {

// Every option of `specs`: the value the table gives, converted and checked as the spec's type and
// range say, or else the spec's default. Throws invalid_input for a bad value or a missing required
// option. Keys that are not options are left to the caller.
OptionValues read_options(const TableReader &table, const std::vector<OptionSpec> &specs);

}  // namespace kmh
