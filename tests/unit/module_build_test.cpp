// Tests of the source hash that decides when the module is rebuilt (harness/vm/module_build.h).
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "vm/module_build.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

class ModuleSourceHash : public ::testing::Test {
protected:
	void SetUp() override
	{
		dir_ = fs::temp_directory_path() / ("kmh_module_hash_" + std::to_string(::getpid()));
		fs::create_directories(dir_);
		write("Kbuild", "obj-m := m.o\n");
		write("m.c", "int x;\n");
	}
	void TearDown() override { fs::remove_all(dir_); }
	void write(const std::string &name, const std::string &text) { std::ofstream(dir_ / name) << text; }
	std::string hash(const std::string &headers = "/usr/src/h") { return module_source_hash(dir_.string(), headers); }

	fs::path dir_;
};

TEST_F(ModuleSourceHash, ChangesWithSourcesAndHeaders)
{
	std::string before = hash();
	EXPECT_EQ(hash(), before);
	EXPECT_NE(hash("/usr/src/other"), before);
	write("m.c", "int y;\n");
	EXPECT_NE(hash(), before);
}

TEST_F(ModuleSourceHash, IgnoresBuildOutputs)
{
	std::string before = hash();
	write("m.o", "object");
	write("m.ko", "module");
	write(".m.o.cmd", "cmd");
	EXPECT_EQ(hash(), before);
	write("m.h", "#define X 1\n");
	EXPECT_NE(hash(), before);
}

}  // namespace
}  // namespace kmh
