// What this machine can give a run: the memory available without the OOM killer.
#include "system/host_capacity.h"

#include <optional>
#include <vector>

#include "system/cgroup_mounts.h"
#include "system/meminfo.h"

namespace kmh {

MemoryRoom available_memory()
{
	std::vector<MeminfoField> fields = read_meminfo();
	double available = meminfo_value(fields, "MemAvailable").value_or(0) + meminfo_value(fields, "SwapFree").value_or(0);
	MemoryRoom room{ static_cast<std::int64_t>(available), "MemAvailable + SwapFree in /proc/meminfo" };
	std::optional<std::int64_t> cgroup_room = own_memory_room();
	if (cgroup_room && *cgroup_room < room.bytes)
		room = { *cgroup_room, "the room left under the memory limit of the harness's own cgroup" };
	return room;
}

}  // namespace kmh
