// Whether this host can give a guest the memory it is asked for, checked before anything is built or booted.
#include "vm/guest_fit.h"

#include <fmt/format.h>

#include "common/error.h"
#include "system/host_capacity.h"

namespace kmh {

void check_guest_fits_host(std::int64_t memory_bytes)
{
	MemoryRoom room = available_memory();
	if (memory_bytes > room.bytes)
		throw environment_error(fmt::format(
			"the guest is asked for {} MiB of memory ([target] memory) and {} MiB is available "
			"({}): QEMU would take it from the host's other work or be OOM-killed; ask for less",
			memory_bytes >> 20, room.bytes >> 20, room.source));
}

}  // namespace kmh
