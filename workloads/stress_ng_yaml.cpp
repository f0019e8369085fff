// stress-ng YAML metrics through yaml-cpp: a `metrics` sequence of maps, one per stressor.
#include "workloads/stress_ng_yaml.h"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include "common/error.h"

namespace kmh {

namespace {

std::vector<WorkloadMetric> stressor_metrics(const YAML::Node &entry)
{
	if (!entry["stressor"])
		throw run_error("stress-ng's YAML metrics section has an entry without a stressor name");
	Labels labels = {{"stressor", entry["stressor"].as<std::string>()}};
	std::vector<WorkloadMetric> metrics;
	for (const StressNgField &field : stress_ng_fields())
		if (entry[field.yaml_key])
			metrics.push_back({field.metric, labels, entry[field.yaml_key].as<double>()});
	return metrics;
}

}  // namespace

const std::vector<StressNgField> &stress_ng_fields()
{
	static const std::vector<StressNgField> fields = {
		{"bogo-ops", "bogo_ops", "bogo operations completed by all instances"},
		{"bogo-ops-per-second-real-time", "bogo_ops_per_second_real_time", "bogo operations per second of wall-clock time"},
		{"bogo-ops-per-second-usr-sys-time", "bogo_ops_per_second_usr_sys_time", "bogo operations per second of user + system CPU time"},
		{"wall-clock-time", "wall_clock_time", "seconds the stressor ran"},
		{"user-time", "user_time", "user CPU seconds of all instances"},
		{"system-time", "system_time", "system CPU seconds of all instances"},
		{"cpu-usage-per-instance", "cpu_usage_per_instance", "CPU usage per instance, in percent"},
		{"max-rss", "max_rss", "largest resident set of an instance, in KiB"},
	};
	return fields;
}

std::vector<WorkloadMetric> parse_stress_ng_yaml(const std::string &yaml)
{
	try {
		YAML::Node metrics_section = YAML::Load(yaml)["metrics"];
		if (!metrics_section || !metrics_section.IsSequence())
			throw run_error("stress-ng's YAML output has no metrics section (was --metrics-brief given?)");
		std::vector<WorkloadMetric> metrics;
		for (const YAML::Node &entry : metrics_section) {
			std::vector<WorkloadMetric> more = stressor_metrics(entry);
			metrics.insert(metrics.end(), more.begin(), more.end());
		}
		return metrics;
	} catch (const YAML::Exception &e) {
		throw run_error(fmt::format("cannot read stress-ng's YAML output: {}", e.what()));
	}
}

}  // namespace kmh
