// Tests of planning a matrix: globs, scenario folders, kernels given twice, boot groups.
#include "matrix/matrix_plan.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "exit_code_of.h"
#include "matrix/boot_groups.h"

namespace kmh {
namespace {

const std::string scenarios_dir = std::string(KMH_SOURCE_DIR) + "/scenarios/";

Scenario named(const std::string &path)
{
	Scenario scenario;
	scenario.file = path;
	scenario.name = "same_name";
	return scenario;
}

TEST(MatrixPlan, AGlobExpandsToItsSortedMatches)
{
	std::vector<std::string> files = expand_scenario_arguments({ scenarios_dir + "pcpu_bounce.toml",
								      scenarios_dir + "kmalloc_*.toml" });
	ASSERT_EQ(files.size(), 3u);
	EXPECT_EQ(files[0], scenarios_dir + "pcpu_bounce.toml");
	EXPECT_EQ(files[1], scenarios_dir + "kmalloc_burst.toml");
	EXPECT_EQ(files[2], scenarios_dir + "kmalloc_large.toml");
}

TEST(MatrixPlan, AGlobMatchingNothingIsInvalid)
{
	EXPECT_EQ(exit_code_of([] { expand_scenario_arguments({ scenarios_dir + "no_such_*.toml" }); }),
		  ExitCode::invalid_input);
}

TEST(MatrixPlan, ScenariosOfOneNameGetFoldersOfTheirOwn)
{
	MatrixRequest request{ { "host" }, { "a/pcpu.toml", "b/pcpu.toml" }, "/tmp/m", "", "", "/proc/self/exe" };
	MatrixPlan plan = plan_matrix(request, named);
	ASSERT_EQ(plan.grid.scenarios.size(), 2u);
	EXPECT_EQ(plan.grid.scenarios[0].slug, "same_name");
	EXPECT_EQ(plan.grid.scenarios[1].slug, "same_name-2");
	EXPECT_TRUE(plan.grid.kernels[0].host());
	EXPECT_EQ(plan.grid.kernels[0].slug, "host-" + plan.grid.kernels[0].release);
	EXPECT_EQ(plan.grid.output_dir, "/tmp/m");
}

TEST(MatrixPlan, AKernelGivenTwiceIsInvalid)
{
	MatrixRequest request{ { "host", "host" }, { "a.toml" }, "", "", "", "/proc/self/exe" };
	EXPECT_EQ(exit_code_of([&] { plan_matrix(request, named); }), ExitCode::invalid_input);
}

TEST(MatrixPlan, AnImageThatIsNotAKernelIsInvalid)
{
	MatrixRequest request{ { scenarios_dir + "pcpu_bounce.toml" }, { "a.toml" }, "", "", "", "/proc/self/exe" };
	EXPECT_EQ(exit_code_of([&] { plan_matrix(request, named); }), ExitCode::invalid_input);
}

TEST(BootGroups, ScenariosAskingForTheSameGuestShareABootInOrder)
{
	std::vector<Scenario> scenarios(4);
	scenarios[1].target.memory_bytes = 1LL << 30;
	scenarios[3].target.memory_bytes = 1LL << 30;
	scenarios[2].target.cmdline = "";
	std::vector<std::vector<std::size_t>> groups = boot_groups(scenarios);
	ASSERT_EQ(groups.size(), 2u);
	EXPECT_EQ(groups[0], (std::vector<std::size_t>{ 0, 2 }));
	EXPECT_EQ(groups[1], (std::vector<std::size_t>{ 1, 3 }));
}

TEST(BootGroups, AScenarioThatMeasuresAFreshBootNeverSharesOne)
{
	std::vector<Scenario> scenarios(3);
	scenarios[1].target.own_boot = true;
	std::vector<std::vector<std::size_t>> groups = boot_groups(scenarios);
	ASSERT_EQ(groups.size(), 2u);
	EXPECT_EQ(groups[0], (std::vector<std::size_t>{ 0, 2 }));
	EXPECT_EQ(groups[1], (std::vector<std::size_t>{ 1 }));
}

TEST(BootGroups, AGuestWithOtherNumaNodesNeedsItsOwnBoot)
{
	std::vector<Scenario> scenarios(3);
	scenarios[1].target.numa_nodes = 2;
	std::vector<std::vector<std::size_t>> groups = boot_groups(scenarios);
	ASSERT_EQ(groups.size(), 2u);
	EXPECT_EQ(groups[1], (std::vector<std::size_t>{ 1 }));
}

TEST(BootGroups, ADifferentCommandLineNeedsItsOwnBoot)
{
	std::vector<Scenario> scenarios(2);
	scenarios[1].target.cmdline = "transparent_hugepage=never";
	EXPECT_EQ(boot_groups(scenarios).size(), 2u);
}

}  // namespace
}  // namespace kmh
