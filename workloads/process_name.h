// Naming a workload's process, so per-process (comm) metrics tell it from the harness.
#pragma once

#include <sys/prctl.h>

#include <string>

namespace kmh {

// Sets the calling thread's comm; the kernel keeps at most 15 characters of `name`.
inline void name_current_process(const std::string &name)
{
	prctl(PR_SET_NAME, name.substr(0, 15).c_str());
}

}  // namespace kmh
