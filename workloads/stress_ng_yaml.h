// Reading the metrics section of stress-ng's --yaml output into workload metrics.
#pragma once

#include <string>
#include <vector>

#include "workloads/workload.h"

namespace kmh {

// One per-stressor field of stress-ng's YAML metrics section and the metric it becomes.
struct StressNgField {
	std::string yaml_key;  // "bogo-ops-per-second-real-time"
	std::string metric;    // "bogo_ops_per_second_real_time"
	std::string help;
};

// The fields stress-ng 0.15 writes with --metrics-brief; parse_stress_ng_yaml() reports those present.
const std::vector<StressNgField> &stress_ng_fields();

// One metric per field per stressor, labelled {stressor=<name>}. Throws run_error when the text
// is not YAML or has no metrics section.
std::vector<WorkloadMetric> parse_stress_ng_yaml(const std::string &yaml);

}  // namespace kmh
