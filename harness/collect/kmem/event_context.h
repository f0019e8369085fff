// The `context` label of the kmem families: what the CPU was running when an event fired.
#pragma once

#include <string>

namespace kmh {

// "task", "softirq", "hardirq" or "nmi" for KMH_CONTEXT_TASK .. KMH_CONTEXT_NMI.
std::string context_label(unsigned context);

}  // namespace kmh
