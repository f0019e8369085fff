// Naming the KMH_CONTEXT_* slots of the BPF counter arrays.
#include "collect/kmem/event_context.h"

#include "kmh_common.h"

namespace kmh {

std::string context_label(unsigned context)
{
	switch (context) {
	case KMH_CONTEXT_TASK:
		return "task";
	case KMH_CONTEXT_SOFTIRQ:
		return "softirq";
	case KMH_CONTEXT_HARDIRQ:
		return "hardirq";
	case KMH_CONTEXT_NMI:
		return "nmi";
	}
	return "context_" + std::to_string(context);
}

}  // namespace kmh
