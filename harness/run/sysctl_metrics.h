// sysctl.<name> metrics: the values in effect during a run of the sysctls a scenario sets or its assertions name.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"
#include "scenario/scenario.h"

namespace kmh {

// The sysctls to record: every [sysctl] key and every sysctl.<name> an assertion names, each once,
// in name order.
std::vector<std::string> sysctls_to_record(const Scenario &scenario);

// "sysctl.<name>" (no labels) with each sysctl's value, read from <proc_sys>/<name with / for .>.
// Throws environment_error for a sysctl this kernel does not have, invalid_input for one whose
// value is not a single integer (vm.lowmem_reserve_ratio, which holds one per zone).
std::vector<Metric> read_sysctl_metrics(const std::vector<std::string> &names, const std::string &proc_sys = "/proc/sys");

}  // namespace kmh
