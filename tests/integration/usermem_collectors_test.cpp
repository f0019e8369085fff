// The faults, mmap and shm collectors count the same under every forced attach variant, and leave perf its events.
#include <fstream>
#include <iostream>
#include <optional>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "program_gap.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

using ScenarioAndVariant = std::tuple<std::string, std::string>;

class UsermemVariant : public ::testing::TestWithParam<ScenarioAndVariant> {};

TEST_P(UsermemVariant, PassesAndRecordsTheForcedVariant)
{
	const auto &[scenario, variant] = GetParam();
	ScratchDir scratch;
	std::string output = scratch / "out";
	ProcessOutcome run = run_kmemharness(
		{"run", shipped_scenario(scenario + ".toml"), "--output", output, "--attach", variant});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(output + "/result.json");
	for (const nlohmann::json &collector : result.json().at("collectors"))
		EXPECT_EQ(collector.at("variant"), variant) << collector.dump();
}

INSTANTIATE_TEST_SUITE_P(Variants, UsermemVariant,
			 ::testing::Combine(::testing::Values("mmap_brk", "shm", "page_faults"),
					    ::testing::Values("tp_btf", "raw_tp", "tracepoint")),
			 [](const ::testing::TestParamInfo<ScenarioAndVariant> &info) {
				 return std::get<0>(info.param) + "_" + std::get<1>(info.param);
			 });

std::optional<std::string> perf_missing()
{
	if (std::optional<std::string> gap = program_gap("perf"))
		return gap;
	ProcessOutcome version = run_process({"perf", "--version"}, std::chrono::seconds(10));
	if (version.exit_code != 0)
		return "perf --version failed: " + version.err;
	return std::nullopt;
}

// perf stat -x, lines: "2079,,syscalls:sys_enter_mmap,...": count per event.
std::map<std::string, double> read_perf_totals(const std::string &path)
{
	std::map<std::string, double> counts;
	std::ifstream in(path);
	for (std::string line; std::getline(in, line);) {
		std::vector<std::string> fields;
		std::istringstream split(line);
		for (std::string field; std::getline(split, field, ',');)
			fields.push_back(field);
		if (fields.size() > 2)
			counts[fields[2]] = std::strtod(fields[0].c_str(), nullptr);
	}
	return counts;
}

// The classic syscall tracepoint programs return 1: a program returning 0 would hide every
// watched call from perf. perf counts the harness's own calls too, over a wider window.
TEST(UsermemPerfStat, SeesTheWorkloadsCallsWhileTheCollectorIsAttached)
{
	KMH_SKIP_OR_FAIL_IF(perf_missing());
	ScratchDir scratch;
	std::string output = scratch / "out", perf_file = scratch / "perf.csv";
	ProcessOutcome run = run_process({"perf", "stat", "-x,", "-o", perf_file, "-e", "syscalls:sys_enter_mmap",
					  "-e", "syscalls:sys_enter_munmap", "-e", "syscalls:sys_enter_brk", "--",
					  kmemharness_binary(), "run", shipped_scenario("mmap_brk.toml"), "--output",
					  output, "--attach", "tracepoint"},
					 std::chrono::seconds(60));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(output + "/result.json");
	std::map<std::string, double> perf = read_perf_totals(perf_file);
	for (const auto &[event, metric] : {std::pair{"syscalls:sys_enter_mmap", "mmap.mmap.events"},
					    std::pair{"syscalls:sys_enter_munmap", "mmap.munmap.events"},
					    std::pair{"syscalls:sys_enter_brk", "mmap.brk.events"}}) {
		double ours = result.sum(metric, {{"scope", "workload"}});
		std::cout << event << ": perf " << perf[event] << ", ours (workload) " << ours << "\n";
		EXPECT_GT(ours, 0) << metric;
		EXPECT_GE(perf[event], ours) << event << ": perf missed calls the collector counted";
	}
}

}  // namespace
}  // namespace kmh::integration
