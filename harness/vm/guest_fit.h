// Whether this host can give a guest the CPUs and memory it is asked for, checked before anything is built or booted.
#pragma once

#include <cstdint>

namespace kmh {

// Throws environment_error (exit 3) when the guest would have more vCPUs than the CPUs this
// process may use, or more memory than is available without the OOM killer.
void check_guest_fits_host(int cpus, std::int64_t memory_bytes);

}  // namespace kmh
