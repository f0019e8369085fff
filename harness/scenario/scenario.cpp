// What later stages ask of a parsed Scenario.
#include "scenario/scenario.h"

#include <algorithm>

namespace kmh {

bool uses_kernel_module(const Scenario &scenario)
{
	return std::any_of(scenario.workloads.begin(), scenario.workloads.end(),
			   [](const WorkloadSpec &spec) { return spec.kind == "kmod"; });
}

}  // namespace kmh
