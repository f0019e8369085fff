// Telling leftovers of killed runs by name: "<prefix><pid>" whose process is gone.
#pragma once

#include <string>

namespace kmh {

// True when `name` is `prefix` followed by a process id whose process no longer exists (a run
// that made it was killed); false for other names and for live processes.
bool owned_by_dead_process(const std::string &name, const std::string &prefix);

}  // namespace kmh
