// Tests of choosing a module's decompressor and staging it as a plain .ko (harness/vm/module_decompress.h).
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "vm/command.h"
#include "vm/module_decompress.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

TEST(ModuleDecompress, PlainModulesNeedNoDecompressor)
{
	EXPECT_FALSE(module_decompressor("/lib/modules/6.1.0-57-amd64/kernel/fs/ext4/ext4.ko"));
}

TEST(ModuleDecompress, SuffixChoosesTheTool)
{
	EXPECT_EQ(module_decompressor("ext4.ko.xz")->program, "xz");
	EXPECT_EQ(module_decompressor("ext4.ko.zst")->program, "zstd");
	EXPECT_EQ(module_decompressor("ext4.ko.gz")->program, "gzip");
	// zstd keeps its input unless told otherwise; the staging folder must hold the .ko only.
	std::vector<std::string> zstd = module_decompressor("ext4.ko.zst")->arguments;
	EXPECT_NE(std::find(zstd.begin(), zstd.end(), "--rm"), zstd.end());
}

TEST(ModuleDecompress, UnknownCompressionIsAnEnvironmentError)
{
	try {
		module_decompressor("ext4.ko.bz2");
		ADD_FAILURE() << "no error for .ko.bz2";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find("ext4.ko.bz2"), std::string::npos);
	}
}

TEST(ModuleDecompress, UncompressedPathDropsTheSuffix)
{
	EXPECT_EQ(uncompressed_module_path("kernel/fs/ext4/ext4.ko.xz"), "kernel/fs/ext4/ext4.ko");
	EXPECT_EQ(uncompressed_module_path("kernel/fs/ext4/ext4.ko.zst"), "kernel/fs/ext4/ext4.ko");
	EXPECT_EQ(uncompressed_module_path("kernel/fs/ext4/ext4.ko.gz"), "kernel/fs/ext4/ext4.ko");
	EXPECT_EQ(uncompressed_module_path("kernel/fs/ext4/ext4.ko"), "kernel/fs/ext4/ext4.ko");
}

class StagedModule : public testing::Test {
protected:
	void SetUp() override
	{
		dir_ = fs::temp_directory_path() / ("kmh-decompress-" + std::to_string(::getpid()));
		fs::remove_all(dir_);
		fs::create_directories(dir_ / "host");
	}
	void TearDown() override { fs::remove_all(dir_); }

	// A fake module compressed by the host's `tool`, as a modules folder holds it.
	std::string compressed_module(const std::string &tool, const std::string &suffix)
	{
		fs::path plain = dir_ / "host/fake.ko";
		std::ofstream(plain) << contents_;
		if (!find_program(tool))
			return "";
		std::string keep = tool == "zstd" ? " -q --rm" : "";
		run_command({ "/bin/sh", "-c", tool + keep + " -f '" + plain.string() + "'" });
		return plain.string() + suffix;
	}

	std::string staged_text(const std::string &module)
	{
		fs::path target = dir_ / "staging/lib/kmemharness/disk/fake.ko";
		stage_module(module, target.string());
		std::ifstream file(target);
		std::stringstream text;
		text << file.rdbuf();
		EXPECT_EQ(std::distance(fs::directory_iterator(target.parent_path()), fs::directory_iterator{}), 1)
			<< "only the plain .ko is left in the staging folder";
		return text.str();
	}

	fs::path dir_;
	const std::string contents_ = "\x7f" "ELF fake module\n";
};

TEST_F(StagedModule, EachCompressionIsUndoneOnTheHost)
{
	for (const auto &[tool, suffix] : std::vector<std::pair<std::string, std::string>>{
		     { "xz", ".xz" }, { "zstd", ".zst" }, { "gzip", ".gz" } }) {
		std::string module = compressed_module(tool, suffix);
		if (module.empty()) {
			ADD_FAILURE() << tool << " is not installed";
			continue;
		}
		EXPECT_EQ(staged_text(module), contents_) << tool;
		EXPECT_TRUE(fs::exists(module)) << "the host's module is left alone";
		fs::remove_all(dir_ / "staging");
	}
}

TEST_F(StagedModule, PlainModuleIsCopied)
{
	fs::path plain = dir_ / "host/fake.ko";
	std::ofstream(plain) << contents_;
	EXPECT_EQ(staged_text(plain.string()), contents_);
}

}  // namespace
}  // namespace kmh
