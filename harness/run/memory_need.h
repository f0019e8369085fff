// How much memory a scenario's workloads hold at once, and whether this machine has it available.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "scenario/scenario.h"
#include "system/host_capacity.h"

namespace kmh {

// The largest phase's need: the sum of its workloads' memory_need (they run at once), no more
// than the scenario's [cgroup] memory_max, which the kernel enforces on all of them together.
struct MemoryNeed {
	std::int64_t bytes = 0;
	int phase = 1;
};
MemoryNeed scenario_memory_need(const Scenario &scenario);

// The line for missing_requirements when the need is larger than the room, else nullopt.
std::optional<std::string> memory_shortfall(const MemoryNeed &need, const MemoryRoom &room);

}  // namespace kmh
