// Whether this host can give a guest the CPUs and memory it is asked for, checked before anything is built or booted.
#include "vm/guest_fit.h"

#include <fmt/format.h>

#include "common/error.h"
#include "system/host_capacity.h"

namespace kmh {

void check_guest_fits_host(int cpus, std::int64_t memory_bytes)
{
	int host_cpus = usable_cpus();
	if (cpus > host_cpus)
		throw environment_error(fmt::format(
			"the guest is asked for {} CPUs ([target] cpus) and this host lets the harness run on {}: "
			"vCPUs beyond the host's CPUs only wait for one another, so the guest's timeouts and counts would "
			"measure the emulator; ask for at most {}",
			cpus, host_cpus, host_cpus));
	MemoryRoom room = available_memory();
	if (memory_bytes > room.bytes)
		throw environment_error(fmt::format(
			"the guest is asked for {} MiB of memory ([target] memory) and {} MiB is available "
			"({}): QEMU would take it from the host's other work or be OOM-killed; ask for less",
			memory_bytes >> 20, room.bytes >> 20, room.source));
}

}  // namespace kmh
