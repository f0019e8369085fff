// Sysctls given on the command line (run --sysctl, ab --sysctl-a/-b, a claim's A/B sides): NAME=VALUE, or NAME+=N to raise by N.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.h"

namespace kmh {

// One setting per text, in order; `option` names the option in messages and in each setting's
// location. NAME is written as sysctl(8) writes it; N of NAME+=N is a whole number (negative
// lowers). A value holds no space or quote: a VM run passes it on to the guest's command line.
// Throws invalid_input (exit 2) naming the option, the text and what is accepted.
std::vector<SysctlSetting> parse_sysctl_options(const std::vector<std::string> &texts, const std::string &option);

}  // namespace kmh
