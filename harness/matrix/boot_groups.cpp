// Grouping a matrix's scenarios by the guest machine their [target] table describes.
#include "matrix/boot_groups.h"

#include <algorithm>
#include <tuple>

namespace kmh {

namespace {

auto machine_of(const TargetSpec &target)
{
	return std::tie(target.memory_bytes, target.cpus, target.cmdline, target.accel, target.boot_timeout_ns,
			target.kernel_headers, target.numa_nodes);
}

}  // namespace

std::vector<std::vector<std::size_t>> boot_groups(const std::vector<Scenario> &scenarios)
{
	std::vector<std::vector<std::size_t>> groups;
	for (std::size_t i = 0; i < scenarios.size(); i++) {
		auto same_machine = [&](const std::vector<std::size_t> &group) {
			const TargetSpec &first = scenarios[group.front()].target;
			return !first.own_boot && machine_of(first) == machine_of(scenarios[i].target);
		};
		auto group = scenarios[i].target.own_boot ? groups.end()
							  : std::find_if(groups.begin(), groups.end(), same_machine);
		if (group == groups.end())
			groups.push_back({ i });
		else
			group->push_back(i);
	}
	return groups;
}

}  // namespace kmh
