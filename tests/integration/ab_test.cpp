// A small A/B end to end on this kernel: two sysctl settings, interleaved runs, reports and a gate.
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

// A: CPU 1's per-CPU lists fixed at a few hundred pages; B: auto-tuned, so after the bounce they hold
// thousands (high_min 8,278 in Normal on a 24 GiB machine). The gate reads that count after the window
// (bounce_lists.toml says why not the drains: they carry over from the run before). Measured
// 2026-12-02 on 6.18, 8 runs a side: A 257-482 pages, B 8,034-14,826, completely apart (exact
// p = 2 / C(16, 8) = 0.000155; 4 s for all 16 runs).
ProcessOutcome run_ab(const ScratchDir &scratch, const std::string &gate, int repeat)
{
	return run_kmemharness({"ab", test_scenario("bounce_lists.toml"), "--repeat", std::to_string(repeat), "--output", scratch / "ab",
				"--sysctl-a", "vm.percpu_pagelist_high_fraction=8192", "--sysctl-b",
				"vm.percpu_pagelist_high_fraction=0", "--gate", gate, "--quiet"},
			       std::chrono::seconds(110));
}

TEST(AbComparison, GateTurnsARealDifferenceIntoExit1AndWritesEveryReport)
{
	ScratchDir scratch;
	ProcessOutcome run = run_ab(scratch, "zoneinfo.pcp.count.after{cpu=1} rises by more than 1% and decided", 8);
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	EXPECT_EQ(run.exit_code, exit_status::assertion_failed) << describe(run);
	EXPECT_NE(run.out.find("FAIL"), std::string::npos) << describe(run);
	for (const char *report : {"compare.json", "compare.md", "compare.html"})
		EXPECT_TRUE(std::filesystem::exists(scratch / "ab/" + report)) << report;
	for (const char *side : {"A", "B"})
		for (int round = 1; round <= 8; ++round)
			EXPECT_TRUE(std::filesystem::exists(scratch / "ab/" + side + "/" + std::to_string(round) + "/result.json"));
	std::ifstream json_file(scratch / "ab/compare.json");
	const nlohmann::json gate = nlohmann::json::parse(json_file).at("gates").at(0);
	EXPECT_EQ(gate.at("p_method"), "exact") << gate.dump();
	EXPECT_EQ(gate.at("decision"), "changed") << gate.dump();
	ResultFile b_run(scratch / "ab/B/1/result.json");
	const nlohmann::json &b_sysctls = b_run.json().at("sysctls");
	ASSERT_EQ(b_sysctls.size(), 1u) << b_sysctls.dump();
	EXPECT_EQ(b_sysctls.at(0).at("value"), "0");
}

TEST(AbComparison, GateThatHoldsExits0)
{
	ScratchDir scratch;
	ProcessOutcome run = run_ab(scratch, "page.alloc.events{scope=workload} changes by more than 5%", 4);
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	EXPECT_EQ(run.exit_code, exit_status::passed) << describe(run);
	std::ifstream json_file(scratch / "ab/compare.json");
	nlohmann::json comparison = nlohmann::json::parse(json_file);
	EXPECT_FALSE(comparison.empty());
}

}  // namespace
}  // namespace kmh::integration
