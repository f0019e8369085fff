// The table of metric families whose rise (or fall) is a regression; docs/compare.md lists it.
#include "compare/metric_direction.h"

#include <fnmatch.h>

#include <array>

namespace kmh {

namespace {

struct DirectionRule {
	const char *pattern;  // fnmatch(3) glob on the metric name
	WorseDirection worse;
};

// First match wins.
constexpr std::array direction_rules{
	DirectionRule{"pcp.refill.events", WorseDirection::higher},
	DirectionRule{"pcp.drain.events", WorseDirection::higher},
	DirectionRule{"extfrag.events", WorseDirection::higher},
	DirectionRule{"workload.*.bogo_ops*", WorseDirection::lower},
	DirectionRule{"workload.*.ops_per_s*", WorseDirection::lower},
	DirectionRule{"workload.*.throughput*", WorseDirection::lower},
	DirectionRule{"workload.*.latency*", WorseDirection::higher},
	DirectionRule{"workload.*.duration*", WorseDirection::higher},
};

}  // namespace

WorseDirection worse_direction(const std::string &metric_name)
{
	for (const DirectionRule &rule : direction_rules)
		if (fnmatch(rule.pattern, metric_name.c_str(), 0) == 0)
			return rule.worse;
	return WorseDirection::unknown;
}

}  // namespace kmh
