// One measuring run per machine at a time: a lock under /run that the next run waits for, or refuses.
#pragma once

#include <string>

#include "common/progress.h"
#include "system/file_lock.h"

namespace kmh {

// Machine-wide state that must outlive a killed run but not a reboot (tmpfs): the lock and the
// sysctl journal.
inline constexpr const char *machine_state_dir = "/run/kmemharness";

enum class MachineWait {
	wait,    // poll until the other run is done, with a progress line naming it
	refuse,  // --no-wait: exit 3 at once
};

// Held for a host run's whole life (sysctls set and restored, workloads, collectors): two runs at
// once would disturb each other's counts and each other's sysctls. Released by the kernel when
// the process dies, so a killed run never leaves it held.
class MachineRunLock {
public:
	// Takes <machine_state_dir>/measure.lock. Throws environment_error naming the holder when it is
	// held and `wait` is refuse, run_error "interrupted by signal N" when the installed
	// InterruptWatch caught one while waiting.
	MachineRunLock(MachineWait wait, Progress &progress);

private:
	FileLock lock_;
};

}  // namespace kmh
