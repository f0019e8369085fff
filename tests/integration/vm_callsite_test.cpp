// The callsite collector in QEMU guests of Debian's 6.1 and 6.12: the module's held objects outstanding at its named call site, its freed ones not.
#include <string>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

constexpr std::chrono::seconds vm_run_limit{200};

class VmCallsite : public testing::TestWithParam<KernelChoice> {
protected:
	void SetUp() override
	{
		kernel_ = test_kernel(GetParam());
		KMH_SKIP_OR_FAIL_IF(kernel_.gap);
	}

	ProcessOutcome run_in_vm(const std::string &scenario)
	{
		return run_kmemharness({"run", "--kernel", kernel_.image, "--accel", "tcg", scenario, "--output",
					scratch_ / "out"},
				       vm_run_limit);
	}

	TestKernel kernel_;
	ScratchDir scratch_;
};

TEST_P(VmCallsite, HeldObjectsAreOutstandingAtTheModulesCallSite)
{
	ProcessOutcome run = run_in_vm(shipped_scenario("kmod_outstanding.toml"));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(scratch_ / "out/result.json");
	LabelSelector module_site = {{"callsite", "kmh_alloc_one"}, {"scope", "workload"}};
	EXPECT_EQ(result.sum("slab.outstanding.objects", module_site), 1000);
	EXPECT_EQ(result.sum("slab.outstanding.bytes", module_site), 1000 * 256);
	EXPECT_EQ(result.sum("slab.callsite.cross_cpu_frees", module_site), 1000);
	EXPECT_EQ(result.sum("page.outstanding.pages", module_site), 200);
	EXPECT_NE(run.out.find("Outstanding at the end of the window"), std::string::npos) << run.out;
}

TEST_P(VmCallsite, FreedObjectsAreNotOutstanding)
{
	ProcessOutcome run = run_in_vm(test_scenario("kmod_freed.toml"));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(scratch_ / "out/result.json");
	LabelSelector module_site = {{"callsite", "kmh_alloc_one"}, {"scope", "workload"}};
	EXPECT_EQ(result.sum("slab.callsite.events", module_site), 1000);
	EXPECT_EQ(result.sum("slab.outstanding.objects", module_site), 0);
}

INSTANTIATE_TEST_SUITE_P(Kernels, VmCallsite, testing::Values(generic_6_1, generic_6_12),
			 [](const testing::TestParamInfo<KernelChoice> &info) {
				 std::string name = info.param.series;
				 for (char &c : name)
					 if (c == '.')
						 c = '_';
				 return "linux_" + name;
			 });

}  // namespace
}  // namespace kmh::integration
