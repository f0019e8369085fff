// Scenarios in a QEMU guest booting a Debian kernel: exact module counts, a refused request, no headers needed without the module.
#include <filesystem>
#include <fstream>
#include <iterator>
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

void expect_vm_result(const ResultFile &result, const std::string &kernel)
{
	EXPECT_EQ(result.json().at("target"), "vm");
	EXPECT_EQ(result.json().at("vm").at("accel"), "tcg");
	EXPECT_EQ(result.json().at("vm").at("kernel_image"), kernel);
}

// Each test boots the installed generic Debian 6.1 kernel; without one it skips, or fails in CI.
class VmScenarios : public testing::Test {
protected:
	void SetUp() override
	{
		kernel_ = test_kernel();
		KMH_SKIP_OR_FAIL_IF(kernel_.gap);
	}

	ProcessOutcome run_in_vm(const std::string &scenario)
	{
		return run_kmemharness({"run", "--kernel", kernel_.image, "--accel", "tcg", scenario, "--output",
					scratch_ / "out"},
				       vm_run_limit);
	}

	ResultFile vm_result() const
	{
		ResultFile result(scratch_ / "out/result.json");
		expect_vm_result(result, kernel_.image);
		return result;
	}

	TestKernel kernel_;
	ScratchDir scratch_;
};

TEST_F(VmScenarios, KmallocBurstCountsEveryObjectOnTheWorkersCpu)
{
	ProcessOutcome run = run_in_vm(shipped_scenario("kmalloc_burst.toml"));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result = vm_result();
	EXPECT_EQ(result.sum("slab.kmalloc.events", {{"scope", "workload"}, {"cpu", "0"}}), 10000);
	EXPECT_EQ(result.sum("slab.kmalloc.bytes_alloc", {{"scope", "workload"}, {"cpu", "0"}}), 10000 * 128);
	EXPECT_EQ(result.sum("workload.burst.requested"), 10000);
}

TEST_F(VmScenarios, ReclaimableSlabGrowsSReclaimable)
{
	ProcessOutcome run = run_in_vm(shipped_scenario("reclaimable_slab.toml"));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result = vm_result();
	EXPECT_EQ(result.sum("slab.cache_alloc.events", {{"scope", "workload"}, {"cpu", "0"}}), 100000);
	EXPECT_GE(result.sum("meminfo.SReclaimable.delta"), 0.9 * 100000 * 256);
}

// A scenario without kmod workloads builds no module, so the guest kernel needs no headers.
TEST_F(VmScenarios, ScenarioWithoutModuleWorkloadsBootsWithoutHeaders)
{
	ProcessOutcome run = run_kmemharness({"run", "--kernel", kernel_.image, "--kernel-headers", "/nonexistent", "--accel",
					      "tcg", shipped_scenario("pcpu_bounce.toml"), "--output", scratch_ / "out"},
					     vm_run_limit);
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result = vm_result();
	EXPECT_FALSE(result.json().at("timings").contains("module_load"));
	EXPECT_EQ(result.json().at("vm").at("memory_bytes"), 4LL << 30);
	EXPECT_EQ(result.json().at("vm").at("cpus"), 2);
}

TEST_F(VmScenarios, RequestOverTheModuleBudgetIsRefusedAndTheGuestSurvives)
{
	ProcessOutcome run = run_in_vm(test_scenario("kmod_over_budget.toml"));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	// Exit 2 writes no result.json (docs/cli.md); the guest's refusal is on the console it kept.
	ASSERT_EQ(run.exit_code, exit_status::invalid_input) << describe(run);
	EXPECT_FALSE(std::filesystem::exists(scratch_ / "out/result.json"));
	EXPECT_NE(run.err.find("console.log"), std::string::npos) << run.err;
	std::ifstream console(scratch_ / "out/console.log");
	std::string text((std::istreambuf_iterator<char>(console)), std::istreambuf_iterator<char>());
	EXPECT_NE(text.find("over the budget"), std::string::npos) << "no refusal on the console";
	EXPECT_EQ(text.find("Kernel panic"), std::string::npos) << "the guest did not survive";
}

}  // namespace
}  // namespace kmh::integration
