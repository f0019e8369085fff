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

// A: per-CPU lists of a few hundred pages, every bounced page drains. B: auto-tuned lists keep tens of
// thousands of CPU 1's pages undrained, so fewer of the bounced pages drain in B: 2.8% fewer on one
// day with 4 runs a side, where one overlapping run gave p = 0.1143 (8 of 70 splits); 14.3% fewer on
// 2026-12-02 with 8 runs a side, completely apart (exact p = 2 / C(16, 8) = 0.000155; 26 s for all 16).
// With 8 a side, p <= 0.05 holds with up to 13 of the 64 (A, B) pairs out of order.
ProcessOutcome run_ab(const ScratchDir &scratch, const std::string &gate, int repeat)
{
	return run_kmemharness({"ab", test_scenario("bounce_small.toml"), "--repeat", std::to_string(repeat), "--output", scratch / "ab",
				"--sysctl-a", "vm.percpu_pagelist_high_fraction=8192", "--sysctl-b",
				"vm.percpu_pagelist_high_fraction=0", "--gate", gate, "--quiet"},
			       std::chrono::seconds(110));
}

TEST(AbComparison, GateTurnsARealDifferenceIntoExit1AndWritesEveryReport)
{
	ScratchDir scratch;
	ProcessOutcome run = run_ab(scratch, "pcp.drain.events{scope=workload, cpu=1} falls by more than 1% and decided", 8);
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
