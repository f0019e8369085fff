// How much memory a scenario's workloads hold at once, and whether this machine has it available.
#include "run/memory_need.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "workloads/workload.h"

namespace kmh {

namespace {

// "23.0 GiB": a need and a room side by side, rounded alike.
std::string gib_text(std::int64_t bytes)
{
	return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1LL << 30));
}

}  // namespace

MemoryNeed scenario_memory_need(const Scenario &scenario)
{
	std::map<int, std::int64_t> by_phase;
	for (const WorkloadSpec &workload : scenario.workloads) {
		const WorkloadDescriptor *descriptor = find_workload(workload.kind);
		if (descriptor && descriptor->memory_need)
			by_phase[workload.phase] += descriptor->memory_need(workload.options);
	}
	MemoryNeed need;
	for (auto [phase, bytes] : by_phase) {
		std::int64_t held = scenario.cgroup.memory_max ? std::min(bytes, *scenario.cgroup.memory_max) : bytes;
		if (held > need.bytes)
			need = { held, phase };
	}
	return need;
}

std::optional<std::string> memory_shortfall(const MemoryNeed &need, const MemoryRoom &room)
{
	if (need.bytes <= room.bytes)
		return std::nullopt;
	return fmt::format("memory: the workloads of phase {} hold up to {} at once, and {} is available ({}); "
			   "make them smaller, or set [cgroup] memory_max to confine them",
			   need.phase, gib_text(need.bytes), gib_text(room.bytes), room.source);
}

}  // namespace kmh
