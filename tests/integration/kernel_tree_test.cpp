// A kernel built from source (Debian's linux-source-6.12, scripts/build-kernel-tree.sh) booted with --kernel-tree: its module workloads and its zram.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "harness_process.h"
#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

namespace fs = std::filesystem;

// The build alone took 16 min on this machine's 2 CPUs (docs/vm-runs.md); a cached tree is seconds.
constexpr std::chrono::seconds tree_build_limit{3000};
constexpr std::chrono::seconds matrix_limit{600};

std::string last_line(const std::string &text)
{
	std::string trimmed = text.substr(0, text.find_last_not_of('\n') + 1);
	return trimmed.substr(trimmed.find_last_of('\n') + 1);
}

std::string tree_release(const fs::path &tree)
{
	std::ifstream file(tree / "include/config/kernel.release");
	std::string release;
	std::getline(file, release);
	return release;
}

class KernelTree : public testing::Test {
protected:
	// One build for the test program: the tree's folder, or why it could not be had.
	static void SetUpTestSuite()
	{
		ProcessOutcome build = run_process({ "bash", std::string(KMH_SOURCE_DIR) + "/scripts/build-kernel-tree.sh" },
						   tree_build_limit);
		if (build.exit_code == 0)
			tree_ = last_line(build.out);
		else
			build_failure_ = describe(build);
	}

	void SetUp() override
	{
		ASSERT_TRUE(build_failure_.empty()) << "scripts/build-kernel-tree.sh failed: " << build_failure_;
	}

	static inline fs::path tree_;
	static inline std::string build_failure_;
	ScratchDir scratch_;
};

// One boot of the tree's kernel: the module built against the tree holds its objects at its named
// call site, and swapin's zram is the tree's own module, installed from the tree into the cache.
TEST_F(KernelTree, RunsModuleAndZramScenariosOnTheTreesKernel)
{
	ProcessOutcome run = run_kmemharness({ "matrix", "--kernel-tree", tree_, "--accel", "tcg", "--output",
					       scratch_ / "grid", shipped_scenario("kmod_outstanding.toml"),
					       shipped_scenario("swapin.toml") },
					     matrix_limit);
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile grid(scratch_ / "grid/matrix.json");
	const nlohmann::json &cells = grid.json().at("cells");
	ASSERT_EQ(cells.size(), 2u) << describe(run);
	ResultFile held(scratch_.path() / "grid" / cells[0].at("result").get<std::string>());
	EXPECT_EQ(held.json().at("system").at("kernel_release"), tree_release(tree_));
	EXPECT_EQ(held.json().at("vm").at("kernel_image"), (tree_ / "arch/x86/boot/bzImage").string());
	LabelSelector module_site = { { "callsite", "kmh_alloc_one" }, { "scope", "workload" } };
	EXPECT_EQ(held.sum("slab.outstanding.objects", module_site), 1000);
	EXPECT_EQ(held.sum("page.outstanding.pages", module_site), 200);
	EXPECT_EQ(cells[1].at("verdict"), "PASS") << cells[1].dump();
	EXPECT_NE(run.err.find("modules of the build folder " + tree_.string()), std::string::npos) << run.err;
	// Without CONFIG_FUNCTION_TRACER (x86_64_defconfig has none) fentry loads but cannot attach
	// (EBUSY): swapin must have moved on to its kprobe.
	ResultFile swapin(scratch_.path() / "grid" / cells[1].at("result").get<std::string>());
	bool traced = file_text(tree_ / ".config").find("\nCONFIG_FUNCTION_TRACER=y\n") != std::string::npos;
	EXPECT_EQ(swapin.json().at("collectors").at(0).at("variant"), traced ? "fentry" : "kprobe");
}

// `run` boots it too, and a scenario without module or swap still gets the tree's disk modules.
TEST_F(KernelTree, RunBootsTheTreesKernel)
{
	ProcessOutcome run = run_kmemharness({ "run", "--kernel-tree", tree_, "--accel", "tcg", "--output",
					       scratch_ / "out", shipped_scenario("pcpu_bounce.toml") },
					     matrix_limit);
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(scratch_ / "out/result.json");
	EXPECT_EQ(result.json().at("system").at("kernel_release"), tree_release(tree_));
	EXPECT_NE(run.err.find("modules of the build folder " + tree_.string()), std::string::npos) << run.err;
}

}  // namespace
}  // namespace kmh::integration
