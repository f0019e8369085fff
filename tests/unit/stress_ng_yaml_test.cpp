// Tests for parse_stress_ng_yaml() against YAML captured from stress-ng 0.15.06 and edge cases.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "common/error.h"
#include "workloads/stress_ng_yaml.h"

namespace kmh {
namespace {

std::string read_fixture(const std::string &name)
{
	std::ifstream file(std::string(KMH_SOURCE_DIR) + "/tests/unit/fixtures/stress-ng/" + name);
	std::stringstream text;
	text << file.rdbuf();
	return text.str();
}

const WorkloadMetric *find_metric(const std::vector<WorkloadMetric> &metrics, const std::string &name)
{
	for (const WorkloadMetric &metric : metrics)
		if (metric.metric == name)
			return &metric;
	return nullptr;
}

ExitCode code_of_parsing(const std::string &yaml)
{
	try {
		parse_stress_ng_yaml(yaml);
	} catch (const Error &e) {
		return e.code();
	}
	return ExitCode::passed;
}

TEST(StressNgYaml, ReadsEveryFieldOfARealVmRun)
{
	// `stress-ng --vm 2 --timeout 2s --metrics-brief --yaml vm.yaml --vm-bytes 128M`
	std::vector<WorkloadMetric> metrics = parse_stress_ng_yaml(read_fixture("vm.yaml"));
	ASSERT_EQ(metrics.size(), stress_ng_fields().size());
	for (const WorkloadMetric &metric : metrics)
		EXPECT_EQ(metric.labels, (Labels{{"stressor", "vm"}})) << metric.metric;
	EXPECT_DOUBLE_EQ(find_metric(metrics, "bogo_ops")->value, 158557);
	EXPECT_DOUBLE_EQ(find_metric(metrics, "bogo_ops_per_second_real_time")->value, 78415.538227);
	EXPECT_DOUBLE_EQ(find_metric(metrics, "bogo_ops_per_second_usr_sys_time")->value, 39330.798215);
	EXPECT_DOUBLE_EQ(find_metric(metrics, "wall_clock_time")->value, 2.022010);
	EXPECT_DOUBLE_EQ(find_metric(metrics, "max_rss")->value, 76172);
}

TEST(StressNgYaml, LabelsEachStressorAndSkipsUnknownFields)
{
	std::string yaml = "metrics:\n"
			   "    - stressor: vm\n"
			   "      bogo-ops: 10\n"
			   "      some-future-field: 3\n"
			   "    - stressor: bigheap\n"
			   "      bogo-ops: 20\n";
	std::vector<WorkloadMetric> metrics = parse_stress_ng_yaml(yaml);
	ASSERT_EQ(metrics.size(), 2u);
	EXPECT_EQ(metrics[0].labels.at("stressor"), "vm");
	EXPECT_DOUBLE_EQ(metrics[0].value, 10);
	EXPECT_EQ(metrics[1].labels.at("stressor"), "bigheap");
	EXPECT_DOUBLE_EQ(metrics[1].value, 20);
}

TEST(StressNgYaml, MissingMetricsSectionIsARunError)
{
	EXPECT_EQ(code_of_parsing("system-info:\n  cpus: 2\n"), ExitCode::run_failed);
	EXPECT_EQ(code_of_parsing(""), ExitCode::run_failed);
}

TEST(StressNgYaml, MalformedYamlIsARunError)
{
	EXPECT_EQ(code_of_parsing("metrics: [\n"), ExitCode::run_failed);
	EXPECT_EQ(code_of_parsing("metrics:\n  - stressor: vm\n    bogo-ops: many\n"), ExitCode::run_failed);
	EXPECT_EQ(code_of_parsing("metrics:\n  - bogo-ops: 1\n"), ExitCode::run_failed);
}

}  // namespace
}  // namespace kmh
