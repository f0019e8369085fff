// Sysctls from the command line: run --sysctl on this kernel and ab --sysctl-a/-b inside a guest, NAME+=N raising by N.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kmemharness_run.h"
#include "machine_state.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

std::string min_free_kbytes_now()
{
	return read_first_line("/proc/sys/vm/min_free_kbytes");
}

// The one sysctl change a result.json records, as [before, value].
std::pair<long long, long long> recorded_change(const ResultFile &result)
{
	const nlohmann::json &sysctls = result.json().at("sysctls");
	EXPECT_EQ(sysctls.size(), 1u) << sysctls.dump();
	if (sysctls.size() != 1)
		return {0, 0};
	EXPECT_EQ(sysctls.at(0).at("name"), "vm.min_free_kbytes");
	return {std::stoll(sysctls.at(0).at("before").get<std::string>()),
		std::stoll(sysctls.at(0).at("value").get<std::string>())};
}

TEST(SysctlOption, RaisesTheValueItFindsForTheRunAndPutsItBack)
{
	ScratchDir scratch;
	std::string before = min_free_kbytes_now();
	ProcessOutcome run = run_kmemharness({"run", test_scenario("bounce_small.toml"), "--sysctl",
					      "vm.min_free_kbytes+=1024", "--output", scratch / "out", "--quiet"},
					     std::chrono::seconds(60));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(scratch / "out/result.json");
	auto [found, used] = recorded_change(result);
	EXPECT_EQ(std::to_string(found), before);
	EXPECT_EQ(used, found + 1024);
	EXPECT_EQ(result.sum("sysctl.vm.min_free_kbytes"), used);
	EXPECT_EQ(min_free_kbytes_now(), before);
}

TEST(SysctlOption, NotANumberAfterPlusEqualsIsExit2NamingWhatIsAccepted)
{
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({"run", test_scenario("bounce_small.toml"), "--sysctl",
					      "vm.min_free_kbytes+=lots", "--output", scratch / "out"},
					     std::chrono::seconds(30));
	EXPECT_EQ(run.exit_code, exit_status::invalid_input) << describe(run);
	EXPECT_NE(run.err.find("--sysctl 'vm.min_free_kbytes+=lots': 'lots' after += is not a whole number"),
		  std::string::npos)
		<< describe(run);
}

// Each guest boots with its own default; B raises it by 6,144 kB (3 pageblocks of 2 MiB), A sets
// it to what it found. Until 2026-12-04 the sides' sysctls never reached the guest: every run
// measured the default.
TEST(SysctlOption, AbSidesSysctlsApplyInsideEachGuest)
{
	TestKernel kernel = test_kernel();
	KMH_SKIP_OR_FAIL_IF(kernel.gap);
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({"ab", "--kernel", kernel.image, "--accel", "tcg", "--repeat", "2",
					      "--sysctl-a", "vm.min_free_kbytes+=0", "--sysctl-b",
					      "vm.min_free_kbytes+=6144", "--output", scratch / "ab", "--quiet",
					      test_scenario("bounce_small.toml")},
					     std::chrono::seconds(240));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	for (const char *round : {"1", "2"}) {
		auto [a_found, a_used] = recorded_change(ResultFile(scratch / "ab/A/" + round + "/result.json"));
		auto [b_found, b_used] = recorded_change(ResultFile(scratch / "ab/B/" + round + "/result.json"));
		EXPECT_EQ(a_used, a_found);
		EXPECT_EQ(b_used, b_found + 6144);
		EXPECT_EQ(a_found, b_found) << "guests of one image and memory boot with one default";
	}
}

}  // namespace
}  // namespace kmh::integration
