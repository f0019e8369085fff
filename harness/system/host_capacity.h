// What this machine can give a run: the memory available without the OOM killer, and its usable CPUs.
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

// The CPUs this process may run on (its affinity mask), at least 1.
int usable_cpus();

}  // namespace kmh
