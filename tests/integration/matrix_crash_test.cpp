// A scenario that crashes the guest is that cell's exit 5; the scenarios after it run in a fresh boot.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

namespace fs = std::filesystem;

TEST(MatrixCrash, TheCrashedCellIsExit5WithTheConsoleAndTheNextScenarioRunsInAFreshBoot)
{
	TestKernel kernel = test_kernel(generic_6_1);
	KMH_SKIP_OR_FAIL_IF(kernel.gap);
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({ "matrix", "--kernel", kernel.image, "--accel", "tcg", "--output",
					       scratch / "grid", shipped_scenario("cross_cpu_free.toml"),
					       test_scenario("guest_crash.toml"), shipped_scenario("vmalloc.toml") },
					     std::chrono::seconds(110));
	EXPECT_EQ(run.exit_code, 5) << describe(run);
	ResultFile grid(fs::path(scratch / "grid") / "matrix.json");
	const nlohmann::json &cells = grid.json().at("cells");
	ASSERT_EQ(cells.size(), 3u) << describe(run);
	EXPECT_EQ(cells[0].at("verdict"), "PASS") << cells[0].dump();
	EXPECT_EQ(cells[1].at("verdict"), "CRASH") << cells[1].dump();
	EXPECT_EQ(cells[1].at("exit_code"), 5);
	EXPECT_NE(cells[1].at("details").dump().find("kernel BUG at"), std::string::npos) << cells[1].dump();
	EXPECT_EQ(cells[2].at("verdict"), "PASS") << cells[2].dump();
	ResultFile crashed(fs::path(scratch / "grid") / cells[1].at("result").get<std::string>());
	EXPECT_EQ(crashed.json().at("status"), "kernel_crashed");
	std::string after = file_text(fs::path(scratch / "grid") / fs::path(cells[2].at("result").get<std::string>()).parent_path() /
				      "console.log");
	EXPECT_NE(after.find("kmh.first=2"), std::string::npos) << "vmalloc did not run in a boot of its own";
}

}  // namespace
}  // namespace kmh::integration
