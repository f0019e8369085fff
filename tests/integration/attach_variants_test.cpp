// Each forced BPF attach variant (tp_btf, raw_tp, tracepoint) runs, is recorded, and counts the same refills.
#include <iostream>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

class AttachVariant : public ::testing::TestWithParam<std::string> {};

TEST_P(AttachVariant, RunsRecordsTheVariantAndCountsRefills)
{
	const std::string &variant = GetParam();
	ScratchDir scratch;
	std::string output = scratch / "out";
	// One run, no retry: the scenario's refill bounds hold however busy the machine is.
	ProcessOutcome run =
		run_kmemharness({"run", test_scenario("bounce_variants.toml"), "--output", output, "--attach", variant});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);

	ResultFile result(output + "/result.json");
	const nlohmann::json &collectors = result.json().at("collectors");
	ASSERT_EQ(collectors.size(), 3u) << collectors.dump(2);  // page_alloc, pcp, extfrag
	for (const nlohmann::json &collector : collectors)
		EXPECT_EQ(collector.at("variant"), variant) << collector.dump();

	double pages = result.sum("workload.bounce.pages");
	double refills = result.sum("pcp.refill.events", {{"scope", "workload"}, {"cpu", "0"}});
	double allocations = result.sum("page.alloc.events", {{"scope", "workload"}, {"cpu", "0"}});
	double stretches = result.sum("workload.bounce.alloc_stretches");
	std::cout << variant << ": workload.bounce.pages " << pages << ", {cpu=0, scope=workload} pcp.refill.events "
		  << refills << ", page.alloc.events " << allocations << ", alloc_stretches " << stretches << "\n";
	RecordProperty("refills_cpu0", std::to_string(static_cast<long long>(refills)));
	RecordProperty("allocations_cpu0", std::to_string(static_cast<long long>(allocations)));
	RecordProperty("alloc_stretches", std::to_string(static_cast<long long>(stretches)));
	ASSERT_GT(pages, 0);
	// The scenario bounds the refills by the per-CPU list balance (it passed); they must be the
	// variant's own counts, not absent.
	EXPECT_GT(refills, 0);
	// Each faulted page is one allocation; page tables and the like add a few hundred.
	EXPECT_GE(allocations, pages);
	EXPECT_LE(allocations, 1.02 * pages);
}

INSTANTIATE_TEST_SUITE_P(Variants, AttachVariant, ::testing::Values("tp_btf", "raw_tp", "tracepoint"),
			 [](const ::testing::TestParamInfo<std::string> &info) { return info.param; });

}  // namespace
}  // namespace kmh::integration
