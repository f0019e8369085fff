// Kernel-module scenarios in a QEMU guest booting a Debian kernel: exact counts from result.json, a refused request.
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

constexpr std::chrono::seconds vm_run_limit{100};

ProcessOutcome run_in_vm(const std::string &kernel, const std::string &scenario, const std::string &output)
{
	return run_kmemharness({"run", "--kernel", kernel, "--accel", "tcg", scenario, "--output", output},
			       vm_run_limit);
}

void expect_vm_result(const ResultFile &result, const std::string &kernel)
{
	EXPECT_EQ(result.json().at("target"), "vm");
	EXPECT_EQ(result.json().at("vm").at("accel"), "tcg");
	EXPECT_EQ(result.json().at("vm").at("kernel_image"), kernel);
}

TEST(VmScenarios, KmallocBurstCountsEveryObjectOnTheWorkersCpu)
{
	std::optional<std::string> kernel = debian_kernel_with_headers();
	KMH_SKIP_OR_FAIL_IF(no_kernel_gap(kernel));
	ScratchDir scratch;
	ProcessOutcome run = run_in_vm(*kernel, shipped_scenario("kmalloc_burst.toml"), scratch / "out");
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(scratch / "out/result.json");
	expect_vm_result(result, *kernel);
	EXPECT_EQ(result.sum("slab.kmalloc.events", {{"scope", "workload"}, {"cpu", "0"}}), 10000);
	EXPECT_EQ(result.sum("slab.kmalloc.bytes_alloc", {{"scope", "workload"}, {"cpu", "0"}}), 10000 * 128);
	EXPECT_EQ(result.sum("workload.burst.requested"), 10000);
}

TEST(VmScenarios, ReclaimableSlabGrowsSReclaimable)
{
	std::optional<std::string> kernel = debian_kernel_with_headers();
	KMH_SKIP_OR_FAIL_IF(no_kernel_gap(kernel));
	ScratchDir scratch;
	ProcessOutcome run = run_in_vm(*kernel, shipped_scenario("reclaimable_slab.toml"), scratch / "out");
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(scratch / "out/result.json");
	expect_vm_result(result, *kernel);
	EXPECT_EQ(result.sum("slab.cache_alloc.events", {{"scope", "workload"}, {"cpu", "0"}}), 100000);
	EXPECT_GE(result.sum("meminfo.SReclaimable.delta"), 0.9 * 100000 * 256);
}

TEST(VmScenarios, RequestOverTheModuleBudgetIsRefusedAndTheGuestSurvives)
{
	std::optional<std::string> kernel = debian_kernel_with_headers();
	KMH_SKIP_OR_FAIL_IF(no_kernel_gap(kernel));
	ScratchDir scratch;
	ProcessOutcome run = run_in_vm(*kernel, test_scenario("kmod_over_budget.toml"), scratch / "out");
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::invalid_input) << describe(run);
	ResultFile result(scratch / "out/result.json");
	expect_vm_result(result, *kernel);
	EXPECT_NE(result.json().at("errors").dump().find("over the budget"), std::string::npos)
		<< result.json().at("errors").dump();
}

}  // namespace
}  // namespace kmh::integration
