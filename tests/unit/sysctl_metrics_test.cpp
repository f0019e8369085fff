// Tests of sysctl.<name> metrics: which sysctls a scenario records, and reading them from a fake /proc/sys.
#include <gtest/gtest.h>

#include <unistd.h>

#include "collect/collector_registry.h"
#include "common/error.h"
#include "metrics/catalog.h"
#include "run/sysctl_metrics.h"
#include "scenario/scenario_parser.h"
#include "scratch_tree.h"

namespace kmh {
namespace {

const WorkloadSchema plain_kind = [] {
	WorkloadSchema d;
	d.kind = "plain";
	return d;
}();

Scenario parse(const std::string &text)
{
	auto lookup = [](const std::string &kind) { return kind == "plain" ? &plain_kind : nullptr; };
	return parse_scenario_text(text + "\n[[workload]]\nkind = \"plain\"\n", "s.toml", lookup, {"plain"},
				   collector_names(collector_registry()));
}

class SysctlMetrics : public ScratchTree {
protected:
	SysctlMetrics() : ScratchTree("kmh_sysctl_metrics_test") {}
};

TEST(SysctlRecording, TakesTheSetOnesAndTheNamedOnesOnceInNameOrder)
{
	Scenario scenario = parse("[sysctl]\n\"vm.compaction_proactiveness\" = 0\n"
				  "[[assert]]\nexpr = \"extfrag_index.after{order=9} * 1000 > sysctl.vm.extfrag_threshold\"\n"
				  "[[assert]]\nexpr = \"sysctl.vm.compaction_proactiveness == 0\"\n"
				  "[collect]\nsnapshots = [\"extfrag_index\"]\n");
	EXPECT_EQ(sysctls_to_record(scenario),
		  (std::vector<std::string>{"vm.compaction_proactiveness", "vm.extfrag_threshold"}));
}

TEST(SysctlRecording, SysctlNamesResolveToTheirFamilyWithoutAPhase)
{
	const MetricFamily *family = find_metric_family("sysctl.vm.extfrag_threshold");
	ASSERT_NE(family, nullptr);
	EXPECT_EQ(family->source, sysctl_source);
	EXPECT_EQ(find_metric_family("sysctl."), nullptr);
	EXPECT_EQ(find_metric_family("meminfo.MemFree"), nullptr);
}

TEST_F(SysctlMetrics, ReadsSingleIntegers)
{
	write("vm/extfrag_threshold", "500\n");
	write("kernel/printk_ratelimit", "-5\n");
	std::vector<Metric> m = read_sysctl_metrics({"vm.extfrag_threshold", "kernel.printk_ratelimit"}, dir_.string());
	ASSERT_EQ(m.size(), 2u);
	EXPECT_EQ(m[0].name, "sysctl.vm.extfrag_threshold");
	EXPECT_TRUE(m[0].labels.empty());
	EXPECT_EQ(m[0].value, 500);
	EXPECT_EQ(m[1].value, -5);
}

TEST_F(SysctlMetrics, AMissingSysctlIsAnEnvironmentError)
{
	try {
		read_sysctl_metrics({"vm.extfrag_threshold"}, dir_.string());
		ADD_FAILURE() << "no kmh::Error thrown";
	} catch (const Error &e) {
		EXPECT_EQ(e.code(), ExitCode::environment);
		EXPECT_NE(std::string(e.what()).find("vm/extfrag_threshold"), std::string::npos) << e.what();
	}
}

TEST_F(SysctlMetrics, SeveralNumbersAreInvalidInput)
{
	write("vm/lowmem_reserve_ratio", "256\t256\t32\t0\t0\n");
	try {
		read_sysctl_metrics({"vm.lowmem_reserve_ratio"}, dir_.string());
		ADD_FAILURE() << "no kmh::Error thrown";
	} catch (const Error &e) {
		EXPECT_EQ(e.code(), ExitCode::invalid_input);
		EXPECT_NE(std::string(e.what()).find("not a single integer"), std::string::npos) << e.what();
	}
}

TEST(SysctlMetricsHost, ReadsTheRunningKernelsThreshold)
{
	if (access("/proc/sys/vm/extfrag_threshold", R_OK) != 0)
		GTEST_SKIP() << "no /proc/sys/vm/extfrag_threshold (a kernel without CONFIG_COMPACTION)";
	std::vector<Metric> m = read_sysctl_metrics({"vm.extfrag_threshold"});
	ASSERT_EQ(m.size(), 1u);
	EXPECT_GE(m[0].value, 0);
	EXPECT_LE(m[0].value, 1000);
}

}  // namespace
}  // namespace kmh
