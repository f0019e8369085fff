// Whether this host can give a guest the memory it is asked for, checked before anything is built or booted.
#pragma once

#include <cstdint>

namespace kmh {

// Throws environment_error (exit 3) when the guest would have more memory than is available
// without the OOM killer. (vCPUs need no check: TCG runs them all on one host thread, KVM may
// overcommit them; a guest too slow to boot in time is told apart from a hung one by its
// console, vm/guest_failure.h.)
void check_guest_fits_host(std::int64_t memory_bytes);

}  // namespace kmh
