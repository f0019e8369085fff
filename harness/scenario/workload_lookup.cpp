// How the scenario parser learns which workload kinds exist and what options each one takes.
#include "scenario/workload_lookup.h"

namespace kmh {

std::vector<std::string> workload_kinds(const std::vector<WorkloadDescriptor> &descriptors)
{
	std::vector<std::string> kinds;
	for (const WorkloadDescriptor &descriptor : descriptors)
		kinds.push_back(descriptor.kind);
	return kinds;
}

}  // namespace kmh
