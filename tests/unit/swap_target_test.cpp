// [target] swap and feature "swap" parsing, and finding zram's modules in a modules folder.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "scratch_tree.h"

#include "collect/collector_registry.h"
#include "common/error.h"
#include "input_error_message.h"
#include "scenario/scenario_parser.h"
#include "vm/swap_modules.h"
#include "workloads/workload.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

const std::string swap_in_workload = "[[workload]]\nkind = \"swap_in\"\n";

Scenario parse(const std::string &text)
{
	return parse_scenario_text(text, "dir/swap.toml", find_workload_schema, {"swap_in"},
				   collector_names(collector_registry()));
}

std::string error_of(const std::string &text)
{
	return input_error_message([&] { parse(text); }, text);
}

TEST(SwapTarget, SwapSizeAndFeatureAreRead)
{
	Scenario scenario = parse("[requires]\nfeatures = [\"swap\"]\n[target]\nswap = \"256MiB\"\n" + swap_in_workload);
	EXPECT_EQ(scenario.target.swap_bytes, 256LL << 20);
	EXPECT_EQ(scenario.requires_.features, std::vector<std::string>{"swap"});
	EXPECT_EQ(parse(swap_in_workload).target.swap_bytes, 0);
}

TEST(SwapTarget, SwapOutOfRangeIsLocated)
{
	std::string message = error_of("[target]\nswap = \"4KiB\"\n" + swap_in_workload);
	EXPECT_NE(message.find("dir/swap.toml:2:"), std::string::npos) << message;
	EXPECT_NE(message.find("[target] key 'swap': 4KiB is out of range; accepted: 1MiB..1TiB"), std::string::npos)
		<< message;
}

// A /lib/modules/<release> look-alike, removed afterwards.
class ModulesDir : public ScratchTree {
protected:
	ModulesDir() : ScratchTree("kmh-modules") {}

	std::string error_of_lookup()
	{
		try {
			zram_module_files(dir_.string(), "6.1.0-test");
		} catch (const Error &error) {
			EXPECT_EQ(error.code(), ExitCode::environment);
			return error.what();
		}
		ADD_FAILURE() << "no error";
		return "";
	}
};

TEST_F(ModulesDir, DependenciesLoadFirst)
{
	write("modules.dep", "kernel/mm/zsmalloc.ko:\nkernel/drivers/block/zram/zram.ko: kernel/mm/zsmalloc.ko\n");
	write("kernel/mm/zsmalloc.ko", "");
	write("kernel/drivers/block/zram/zram.ko", "");
	std::vector<std::string> expected = {(dir_ / "kernel/mm/zsmalloc.ko").string(),
					     (dir_ / "kernel/drivers/block/zram/zram.ko").string()};
	EXPECT_EQ(zram_module_files(dir_.string(), "6.1.0-test"), expected);
}

TEST_F(ModulesDir, BuiltInZramNeedsNoModule)
{
	write("modules.builtin", "kernel/mm/zsmalloc.ko\nkernel/drivers/block/zram/zram.ko\n");
	EXPECT_TRUE(zram_module_files(dir_.string(), "6.1.0-test").empty());
}

TEST_F(ModulesDir, MissingPiecesAreNamed)
{
	EXPECT_NE(error_of_lookup().find("modules.dep: are linux-image-6.1.0-test's modules installed?"),
		  std::string::npos);
	write("modules.dep", "kernel/mm/zsmalloc.ko:\n");
	EXPECT_NE(error_of_lookup().find("linux-image-6.1.0-test has no zram module (CONFIG_ZRAM)"), std::string::npos);
	write("modules.dep", "kernel/drivers/block/zram/zram.ko: kernel/mm/zsmalloc.ko\n");
	write("kernel/mm/zsmalloc.ko", "");
	EXPECT_NE(error_of_lookup().find("linux-image-6.1.0-test has no zram.ko at " +
					 (dir_ / "kernel/drivers/block/zram/zram.ko").string()),
		  std::string::npos);
}

// Compressed modules are found as they are; they are decompressed when staged (module_decompress.h).
TEST_F(ModulesDir, CompressedModulesAreFound)
{
	write("modules.dep", "kernel/drivers/block/zram/zram.ko.xz: kernel/lib/lz4/lz4_compress.ko.xz\n");
	write("modules.builtin", "kernel/mm/zsmalloc.ko\n");
	write("kernel/lib/lz4/lz4_compress.ko.xz", "");
	write("kernel/drivers/block/zram/zram.ko.xz", "");
	std::vector<std::string> expected = {(dir_ / "kernel/lib/lz4/lz4_compress.ko.xz").string(),
					     (dir_ / "kernel/drivers/block/zram/zram.ko.xz").string()};
	EXPECT_EQ(zram_module_files(dir_.string(), "6.12.0-test"), expected);
}

}  // namespace
}  // namespace kmh
