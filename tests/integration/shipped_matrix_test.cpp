// Every shipped scenario through `kmemharness matrix` on Debian's generic 6.1 and 6.12 in guests and on the host, and on unstable's newest kernel.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "result_file.h"
#include "scratch_dir.h"
#include "test_kernel.h"

namespace kmh::integration {
namespace {

namespace fs = std::filesystem;

constexpr std::chrono::minutes matrix_limit{ 35 };

// The host cannot load modules, has no swap, no kprobes and 24 GiB: scenarios that need modules,
// swap, a probed kernel function ([requires] kernel_functions, pcp_batches.toml), a data symbol in
// kallsyms ([requires] kernel_symbols, fallback_choice.toml) or a machine small
// enough to fill ([requires] max_memory, extfrag_threshold.toml) are the host's SKIPs.
bool host_lacks_what_it_needs(const std::string &scenario_file)
{
	std::string text = file_text(scenario_file);
	return text.find("kind = \"kmod\"") != std::string::npos || text.find("\nswap = ") != std::string::npos ||
	       text.find("\nmax_memory = ") != std::string::npos || text.find("\nkernel_functions = ") != std::string::npos ||
	       text.find("\nkernel_symbols = ") != std::string::npos;
}

// A failed matrix's cells are the evidence (every count of every cell): they are copied to
// /var/tmp/kmh-shipped-matrix-<pid>/ before the scratch folder goes, and the path is printed.
void keep_grid_if_failed(const fs::path &grid)
{
	if (!testing::Test::HasFailure())
		return;
	fs::path kept = fs::path("/var/tmp") / ("kmh-shipped-matrix-" + std::to_string(getpid()));
	std::error_code error;
	fs::copy(grid, kept, fs::copy_options::recursive, error);
	std::cout << "the failed matrix's results are kept in " << kept.string()
		  << (error ? " (copy failed: " + error.message() + ")" : "") << "\n";
}

// page_migration's assertions read 0 = 0 on one node; in a guest of [target] numa_nodes = 2 the
// pages must really have moved, or the guest lost its second node and the cell proved nothing.
void expect_guest_migrated_between_nodes(const fs::path &result_path, const std::string &where)
{
	ResultFile result(result_path);
	for (const char *mover : { "mover", "binder" }) {
		std::string prefix = std::string("workload.") + mover + ".";
		EXPECT_EQ(result.sum(prefix + "nodes"), 2) << where;
		EXPECT_EQ(result.sum(prefix + "pages_to_move"), result.sum(prefix + "pages")) << where;
		EXPECT_GT(result.sum(prefix + "pages_moved"), 0) << where;
	}
}

// Every cell of the matrix in `grid` passed, or is a host SKIP of what the host lacks; the exit
// code agrees, and there is a junit.xml test suite per kernel.
void expect_every_cell_passed(const fs::path &grid, const ProcessOutcome &run, std::size_t kernels)
{
	ResultFile matrix(grid / "matrix.json");
	const nlohmann::json &cells = matrix.json().at("cells");
	const nlohmann::json &scenarios = matrix.json().at("scenarios");
	ASSERT_EQ(cells.size(), kernels * scenarios.size()) << describe(run);
	bool host_skipped = false;
	for (const nlohmann::json &cell : cells) {
		bool host = matrix.json().at("kernels")[cell.at("kernel").get<std::size_t>()].at("host").get<bool>();
		std::string file = scenarios[cell.at("scenario").get<std::size_t>()].at("file");
		std::string where = file + " on kernel " + cell.at("kernel").dump() + ": " + cell.dump();
		bool skip_explained = host && host_lacks_what_it_needs(file) && cell.at("verdict") == "SKIP";
		host_skipped = host_skipped || skip_explained;
		EXPECT_TRUE(cell.at("verdict") == "PASS" || skip_explained) << where;
		fs::path result = grid / cell.at("result").get<std::string>();
		EXPECT_TRUE(fs::exists(result)) << where;
		if (!host && file.ends_with("/page_migration.toml") && fs::exists(result))
			expect_guest_migrated_between_nodes(result, where);
	}
	EXPECT_EQ(run.exit_code, host_skipped ? exit_status::environment : exit_status::passed) << describe(run);
	for (const char *file : { "grid.md", "grid.html", "junit.xml" })
		EXPECT_TRUE(fs::exists(grid / file)) << file;
	std::string junit = file_text(grid / "junit.xml");
	std::size_t suites = 0;
	for (std::size_t at = junit.find("<testsuite "); at != std::string::npos; at = junit.find("<testsuite ", at + 1))
		suites++;
	EXPECT_EQ(suites, kernels);
}

TEST(ShippedMatrix, EveryScenarioPassesOnDebian61And612GuestsAndTheHostSkipsOnlyWhatItLacks)
{
	TestKernel generic_61 = test_kernel(generic_6_1);
	TestKernel generic_612 = test_kernel(generic_6_12);
	KMH_SKIP_OR_FAIL_IF(generic_61.gap);
	KMH_SKIP_OR_FAIL_IF(generic_612.gap);
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({ "matrix", "--kernel", generic_61.image, "--kernel", generic_612.image, "--kernel",
					       "host", "--accel", "tcg", "--output", scratch / "grid",
					       std::string(KMH_SOURCE_DIR) + "/scenarios/*.toml" },
					     matrix_limit);
	expect_every_cell_passed(scratch.path() / "grid", run, 3);
	keep_grid_if_failed(scratch / "grid");
}

// The newest Debian kernel, unstable's (7.2.13 on 2026-12-03), fetched with the root of its suite
// whose gcc-16 builds its module: every shipped scenario passes there too.
TEST(ShippedMatrix, EveryScenarioPassesOnDebianUnstablesNewestKernel)
{
	TestKernel newest = fetched_kernel("sid");
	KMH_SKIP_OR_FAIL_IF(newest.gap);
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({ "matrix", "--kernel", newest.image, "--accel", "tcg", "--output",
					       scratch / "grid", std::string(KMH_SOURCE_DIR) + "/scenarios/*.toml" },
					     matrix_limit);
	expect_every_cell_passed(scratch.path() / "grid", run, 1);
	keep_grid_if_failed(scratch / "grid");
}

}  // namespace
}  // namespace kmh::integration
