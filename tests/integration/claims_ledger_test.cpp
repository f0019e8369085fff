// `kmemharness ledger` on a real host matrix: the shipped claims decided by the shipped scenarios' assertions.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

bool contains(const std::string &text, const std::string &part)
{
	return text.find(part) != std::string::npos;
}

// page_cache_movable runs on the host and refutes claims 1 and 2 (its pages are MOVABLE, its read
// kmallocs no 512-byte object per page); reclaimable_slab needs the module, which the host cannot
// load, so claims 3 and 7 cannot be tested there and say why.
TEST(ClaimsLedger, AHostMatrixRefutesThePageCacheClaimsAndSaysWhyTheModuleOnesWereNotTested)
{
	ScratchDir scratch;
	ProcessOutcome matrix = run_kmemharness({ "matrix", "--kernel", "host", "--output", scratch / "truth",
						  shipped_scenario("page_cache_movable.toml"),
						  shipped_scenario("reclaimable_slab.toml") },
						std::chrono::seconds(240));
	ASSERT_EQ(matrix.exit_code, exit_status::environment) << "the host skips reclaimable_slab: " << describe(matrix);
	nlohmann::json page_cache_cell = nlohmann::json::parse(file_text(scratch / "truth/matrix.json")).at("cells").at(0);
	KMH_SKIP_OR_FAIL_IF(page_cache_cell.at("verdict") == "SKIP"
				    ? std::optional<std::string>("this machine cannot run page_cache_movable: " +
								 page_cache_cell.at("details").dump())
				    : std::nullopt);
	ASSERT_EQ(page_cache_cell.at("verdict"), "PASS") << page_cache_cell.dump();
	ProcessOutcome ledger = run_kmemharness({ "ledger", scratch / "truth", "--claims",
						  std::string(KMH_SOURCE_DIR) + "/claims/claims.toml", "-o",
						  scratch / "kernel-truth.md" });
	ASSERT_EQ(ledger.exit_code, exit_status::passed) << describe(ledger);
	std::string text = file_text(scratch / "kernel-truth.md");
	EXPECT_TRUE(contains(text, "| [1](#claim-1) | Page-cache pages are RECLAIMABLE")) << text;
	EXPECT_TRUE(contains(text, "`page_cache_movable.toml` | does not hold |")) << text;
	EXPECT_TRUE(contains(text, "`reclaimable_slab.toml` | cannot be tested here |")) << text;
	EXPECT_TRUE(contains(text, "page cache allocations are movable: pass")) << text;
	EXPECT_TRUE(contains(text, "reclaimable_slab.toml SKIP")) << text;
	EXPECT_FALSE(contains(text, "| holds |")) << "the host can decide no claim of these two scenarios to hold:\n" << text;
}

// A claim about a change, decided by a real A/B on this kernel: with
// vm.percpu_pagelist_high_fraction=0 the per-CPU lists are auto-tuned and hold thousands of pages
// after the bounce, against a few hundred at 8192 (ab_test.cpp has the figures).
TEST(ClaimsLedger, AnAbOnThisKernelDecidesAClaimAboutAChange)
{
	ScratchDir scratch;
	std::ofstream(scratch / "claims.toml")
		<< "[[claim]]\nid = \"1\"\nclaim = \"auto-tuned lists hold more\"\nsource = \"test\"\n"
		   "scenario = \"bounce_lists.toml\"\n"
		   "ab_sysctl_a = [\"vm.percpu_pagelist_high_fraction=8192\"]\n"
		   "ab_sysctl_b = [\"vm.percpu_pagelist_high_fraction=0\"]\n"
		   "ab_change = \"zoneinfo.pcp.count.after{cpu=1} rises by more than 1% and decided\"\n";
	ProcessOutcome matrix = run_kmemharness({ "matrix", "--kernel", "host", "--output", scratch / "truth",
						  test_scenario("bounce_lists.toml") },
						std::chrono::seconds(120));
	KMH_SKIP_OR_FAIL_IF(environment_gap(matrix));
	ASSERT_EQ(matrix.exit_code, exit_status::passed) << describe(matrix);
	ProcessOutcome ab = run_kmemharness({ "ab", test_scenario("bounce_lists.toml"), "--repeat", "6", "--output",
					      scratch / "ab", "--sysctl-a", "vm.percpu_pagelist_high_fraction=8192",
					      "--sysctl-b", "vm.percpu_pagelist_high_fraction=0", "--quiet" },
					    std::chrono::seconds(120));
	ASSERT_EQ(ab.exit_code, exit_status::passed) << describe(ab);
	ProcessOutcome ledger = run_kmemharness({ "ledger", scratch / "truth", "--claims", scratch / "claims.toml",
						  "--ab", scratch / "ab", "-o", scratch / "kernel-truth.md" });
	ASSERT_EQ(ledger.exit_code, exit_status::passed) << describe(ledger);
	std::string text = file_text(scratch / "kernel-truth.md");
	EXPECT_TRUE(contains(text, "| `bounce_lists.toml` (A/B) | holds |")) << text;
	EXPECT_TRUE(contains(text, "A vm.percpu_pagelist_high_fraction=8192 (8192 in its 6 runs); "
				   "B vm.percpu_pagelist_high_fraction=0 (0 in its 6 runs)"))
		<< text;
	EXPECT_TRUE(contains(text, "rises by more than 1% and decided: found; mean")) << text;
	EXPECT_TRUE(contains(text, " --ab " + (scratch / "ab") + " -o ")) << "the command that remakes it names the A/B:\n" << text;
}

TEST(ClaimsLedger, AFolderThatHoldsNoMatrixIsExit2)
{
	ScratchDir scratch;
	ProcessOutcome ledger = run_kmemharness(
		{ "ledger", scratch / "nothing", "--claims", std::string(KMH_SOURCE_DIR) + "/claims/claims.toml" });
	EXPECT_EQ(ledger.exit_code, exit_status::invalid_input) << describe(ledger);
	EXPECT_TRUE(contains(ledger.err, "matrix.json")) << describe(ledger);
}

}  // namespace
}  // namespace kmh::integration
