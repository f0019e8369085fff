// What this machine can give a run: the memory available without the OOM killer.
#pragma once

#include <cstdint>
#include <string>

namespace kmh {

// What may be taken without the OOM killer: MemAvailable + SwapFree of /proc/meminfo, lowered to
// the room left under the calling process's own cgroup limits. `source` names the smaller one.
struct MemoryRoom {
	std::int64_t bytes = 0;
	std::string source;
};
MemoryRoom available_memory();

}  // namespace kmh
