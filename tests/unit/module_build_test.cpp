// Tests of the source hash that decides when the module is rebuilt, and of two runs building it at once (harness/vm/module_build.h).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/progress.h"
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

// Kbuild stand-in: a headers folder whose Makefile's `modules` target takes a second, counts its
// runs in builds.log and leaves a .ko in M.
class ConcurrentModuleBuild : public ModuleSourceHash {
protected:
	void SetUp() override
	{
		ModuleSourceHash::SetUp();
		headers_ = dir_ / "headers";
		fs::create_directories(headers_);
		std::ofstream(headers_ / "Makefile") << "modules:\n\tsleep 1\n\techo built >> builds.log\n"
							 "\ttouch $(M)/kmemharness.ko\n";
	}
	int builds() const
	{
		std::ifstream log(headers_ / "builds.log");
		std::stringstream text;
		text << log.rdbuf();
		std::string all = text.str();
		return static_cast<int>(std::count(all.begin(), all.end(), '\n'));
	}
	// In a forked child: builds into the shared cache, copies the .ko into `destination`.
	pid_t build_in_child(const fs::path &destination)
	{
		pid_t child = fork();
		if (child == 0) {
			Progress quiet(Progress::Style::quiet);
			fs::create_directories(destination);
			KernelImage kernel{ "/boot/vmlinuz-test", "9.9.9-test #1", "9.9.9-test", headers_.string(), "" };
			std::string module = build_module(dir_.string(), kernel, (dir_ / "cache").string(),
							  destination.string(), quiet);
			_exit(fs::exists(module) ? 0 : 1);
		}
		return child;
	}

	fs::path headers_;
};

// Two runs with a cold cache: one builds, the other waits for it and reuses its module.
TEST_F(ConcurrentModuleBuild, TwoRunsAtOnceBuildOnceAndBothGetTheModule)
{
	pid_t first = build_in_child(dir_ / "run-1");
	pid_t second = build_in_child(dir_ / "run-2");
	int first_status = 0, second_status = 0;
	waitpid(first, &first_status, 0);
	waitpid(second, &second_status, 0);
	EXPECT_TRUE(WIFEXITED(first_status) && WEXITSTATUS(first_status) == 0);
	EXPECT_TRUE(WIFEXITED(second_status) && WEXITSTATUS(second_status) == 0);
	EXPECT_EQ(builds(), 1);
	EXPECT_TRUE(fs::exists(dir_ / "run-1/kmemharness.ko"));
	EXPECT_TRUE(fs::exists(dir_ / "run-2/kmemharness.ko"));
	EXPECT_TRUE(fs::exists(dir_ / "cache/kmod-9.9.9-test/kmemharness.ko"));
	for (const fs::directory_entry &entry : fs::directory_iterator(dir_ / "cache"))
		EXPECT_EQ(entry.path().filename().string().find(".build-"), std::string::npos)
			<< entry.path() << " is a private build left behind";
}

}  // namespace
}  // namespace kmh
