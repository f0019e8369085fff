// The callsite collector on the running kernel: call sites named from kallsyms, totals equal to the slab collector's, in the summary.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

class CallsiteCollector : public ::testing::TestWithParam<std::string> {};

TEST_P(CallsiteCollector, NamesTheVmaCallSiteAndAddsUpToTheSlabCollector)
{
	ScratchDir scratch;
	std::string output = scratch / "out";
	ProcessOutcome run = run_kmemharness(
		{"run", test_scenario("callsite_mmap.toml"), "--output", output, "--attach", GetParam()});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(output + "/result.json");

	// Names without offsets, every one of them: kallsyms names every text address.
	for (const nlohmann::json &series : result.series("slab.callsite.events", {{"scope", "workload"}})) {
		std::string callsite = series.at("labels").at("callsite");
		EXPECT_TRUE(std::regex_match(callsite, std::regex("[A-Za-z_][A-Za-z0-9_.]*"))) << series.dump();
		EXPECT_EQ(callsite.find('+'), std::string::npos) << series.dump();
	}
	EXPECT_GE(result.sum("slab.callsite.events", {{"callsite", "vm_area_alloc"}, {"scope", "workload"}}), 2000);
	EXPECT_EQ(result.sum("slab.callsite.waste", {{"scope", "workload"}}),
		  result.sum("slab.callsite.bytes_alloc", {{"scope", "workload"}}) -
			  result.sum("slab.callsite.bytes_req", {{"scope", "workload"}}));
	EXPECT_NE(run.out.find("Top slab call sites (scope=workload"), std::string::npos) << run.out;
	EXPECT_NE(run.out.find("vm_area_alloc"), std::string::npos) << run.out;
}

INSTANTIATE_TEST_SUITE_P(Variants, CallsiteCollector, ::testing::Values("tp_btf", "raw_tp"));

TEST(CallsiteCollectorTopN, FoldsAllButTheTopCallSitesIntoOther)
{
	ScratchDir scratch;
	std::string output = scratch / "out";
	ProcessOutcome run = run_kmemharness({"run", test_scenario("callsite_mmap.toml"), "--output", output});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(output + "/result.json");
	std::set<std::string> named;
	for (const nlohmann::json &series : result.series("slab.callsite.events", {{"scope", "system"}}))
		if (series.at("labels").at("callsite") != "other")
			named.insert(series.at("labels").at("callsite").get<std::string>());
	EXPECT_LE(named.size(), 50U);
}

}  // namespace
}  // namespace kmh::integration
