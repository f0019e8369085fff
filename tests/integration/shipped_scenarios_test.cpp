// Every scenario shipped in scenarios/ passes: host scenarios here, kernel-module ones in a VM.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

std::vector<std::string> shipped_scenario_files()
{
	std::vector<std::string> files;
	for (const auto &entry : std::filesystem::directory_iterator(std::string(KMH_SOURCE_DIR) + "/scenarios"))
		if (entry.path().extension() == ".toml")
			files.push_back(entry.path().filename().string());
	std::sort(files.begin(), files.end());
	return files;
}

// Kernel-module workloads need a kernel that loads modules, which the CI host kernel does not;
// scenarios with [target] swap need swap, which the CI host has not: both run in a VM.
bool needs_vm(const std::string &file)
{
	std::ifstream in(shipped_scenario(file));
	std::stringstream text;
	text << in.rdbuf();
	return text.str().find("kind = \"kmod\"") != std::string::npos ||
	       text.str().find("\nswap = ") != std::string::npos;
}

class ShippedScenario : public testing::TestWithParam<std::string> {};

TEST_P(ShippedScenario, PassesWhereItIsMeantToRun)
{
	const std::string file = GetParam();
	ScratchDir scratch;
	std::vector<std::string> args = {"run", shipped_scenario(file), "--output", scratch / "out"};
	if (needs_vm(file)) {
		TestKernel kernel = test_kernel();
		KMH_SKIP_OR_FAIL_IF(kernel.gap);
		// No --accel: the harness probes KVM and falls back to TCG by itself.
		args.insert(args.begin() + 1, {"--kernel", kernel.image});
	}
	ProcessOutcome run = run_kmemharness(args, std::chrono::seconds(110));
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	ResultFile result(scratch / "out/result.json");
	EXPECT_TRUE(result.json().at("complete").get<bool>());
	EXPECT_FALSE(result.json().at("assertions").empty()) << file << " checks nothing";
}

std::string test_name(const testing::TestParamInfo<std::string> &info)
{
	return std::filesystem::path(info.param).stem().string();
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ShippedScenario, testing::ValuesIn(shipped_scenario_files()), test_name);

}  // namespace
}  // namespace kmh::integration
