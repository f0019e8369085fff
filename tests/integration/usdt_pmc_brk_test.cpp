// The usdt, brk_stacks and pmc collectors on the running kernel (and usdt in a 6.1 guest): exact counts, clean refusals.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "collect/bpf/usdt_notes.h"
#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

constexpr std::chrono::seconds vm_run_limit{200};

const LabelSelector sbrk_more = {{"workload", "probes"}, {"probe", "libc:memory_sbrk_more"}, {"binary", "kmemharness"}};

ProcessOutcome run_here(const std::string &scenario, const ScratchDir &scratch)
{
	return run_kmemharness({"run", scenario, "--output", scratch / "out"});
}

void expect_usdt_counts(const ResultFile &result)
{
	EXPECT_EQ(result.sum("usdt.probe.hits", sbrk_more), 300);
	EXPECT_EQ(result.sum("usdt.probe.arg_sum", sbrk_more), 100 * (4096 + 8192 + 16384));
	EXPECT_EQ(result.sum("usdt.probe.hits", {{"probe", "libc:memory_heap_new"}}), 10);
	EXPECT_EQ(result.sum("usdt.probe.arg_log2.hits", {{"probe", "libc:memory_heap_new"}, {"le", "67108864"}}), 10);
	EXPECT_EQ(result.sum("usdt.probe.hits", {{"probe", "libc:memory_sbrk_less"}}), 300);
	EXPECT_EQ(result.sum("usdt.probe.hits", {{"probe", "libc:memory_mallopt_mmap_threshold"}}), 5);
}

TEST(UsdtCollector, CountsTheWorkloadsGlibcShapedProbesExactly)
{
	ScratchDir scratch;
	ProcessOutcome run = run_here(shipped_scenario("usdt_malloc_probes.toml"), scratch);
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	expect_usdt_counts(ResultFile(scratch / "out/result.json"));
}

// The C library the workload maps: the harness's own, as the run's children inherit it.
bool libc_has_malloc_probes()
{
	for (const char *path : {"/lib/x86_64-linux-gnu/libc.so.6", "/lib64/libc.so.6", "/usr/lib/libc.so.6"})
		if (std::filesystem::exists(path))
			return usdt_sites(read_usdt_notes(path), "libc", "memory_sbrk_more").sites > 0;
	return false;
}

TEST(UsdtCollector, LibcPresetRefusesALibcWithoutProbes)
{
	ScratchDir scratch;
	ProcessOutcome run = run_here(test_scenario("usdt_libc_preset.toml"), scratch);
	if (libc_has_malloc_probes()) {
		ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
		return;
	}
	ASSERT_EQ(run.exit_code, exit_status::environment) << describe(run);
	EXPECT_NE(run.err.find("libc.so.6 has none of the 29 probes of preset 'libc' (glibc's malloc probes"),
		  std::string::npos)
		<< describe(run);
	EXPECT_NE(run.err.find("no .note.stapsdt"), std::string::npos) << describe(run);
}

TEST(BrkStacksCollector, NamesTheStackOfEveryBrkCall)
{
	ScratchDir scratch;
	ProcessOutcome run = run_here(shipped_scenario("brk_stacks.toml"), scratch);
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(scratch / "out/result.json");
	EXPECT_EQ(result.sum("brk.stack.calls", {{"change", "grow"}}), 200);
	EXPECT_EQ(result.sum("brk.stack.bytes", {{"change", "shrink"}}), 200 * 65536);
}

TEST(PmcCollector, RefusesWithoutAHardwarePmuNamingWhatIsMissing)
{
	if (std::filesystem::exists("/sys/bus/event_source/devices/cpu"))
		GTEST_SKIP() << "this machine has a cpu PMU: the refusal cannot be checked here";
	ScratchDir scratch;
	ProcessOutcome run = run_here(test_scenario("pmc_counters.toml"), scratch);
	ASSERT_EQ(run.exit_code, exit_status::environment) << describe(run);
	for (const char *words : {"collector pmc: cannot count the hardware events cycles (", "instructions (",
				  "/sys/bus/event_source/devices has no cpu PMU"})
		EXPECT_NE(run.err.find(words), std::string::npos) << words << "\n" << describe(run);
}

TEST(UsdtCollector, CountsTheSameProbesInA61Guest)
{
	TestKernel kernel = test_kernel(generic_6_1);
	KMH_SKIP_OR_FAIL_IF(kernel.gap);
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({"run", "--kernel", kernel.image, "--accel", "tcg",
					      shipped_scenario("usdt_malloc_probes.toml"), "--output", scratch / "out"},
					     vm_run_limit);
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	expect_usdt_counts(ResultFile(scratch / "out/result.json"));
}

}  // namespace
}  // namespace kmh::integration
