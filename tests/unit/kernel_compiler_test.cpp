// Tests of reading the compiler that built a kernel from its headers' .config (harness/vm/kernel_compiler.h).
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "exit_code_of.h"
#include "vm/kernel_compiler.h"

namespace kmh {
namespace {

namespace fs = std::filesystem;

// Headers whose .config names `compiler_text`, removed with the object.
class FakeHeaders {
public:
	explicit FakeHeaders(const std::string &compiler_text)
	{
		fs::create_directories(dir_);
		std::ofstream(dir_ / ".config") << "CONFIG_CC_IS_GCC=y\nCONFIG_CC_VERSION_TEXT=\"" << compiler_text
						 << "\"\nCONFIG_GCC_VERSION=160200\n";
	}
	~FakeHeaders() { fs::remove_all(dir_); }
	std::string dir() const { return dir_.string(); }

private:
	fs::path dir_ = fs::temp_directory_path() / ("kmh_kernel_compiler_test." + std::to_string(getpid()));
};

// The texts of Debian 12's 6.1 and of unstable's 7.2 (their headers' .config).
TEST(KernelCompiler, ReadsTheCompilerFromTheConfig)
{
	FakeHeaders sid("x86_64-linux-gnu-gcc-16 (Debian 16.2.0-4) 16.2.0");
	EXPECT_EQ(kernel_compiler_text(sid.dir()), "x86_64-linux-gnu-gcc-16 (Debian 16.2.0-4) 16.2.0");
	EXPECT_EQ(kernel_compiler_program(kernel_compiler_text(sid.dir())), "x86_64-linux-gnu-gcc-16");
	EXPECT_EQ(kernel_compiler_program("gcc-12 (Debian 12.2.0-14) 12.2.0"), "gcc-12");
	EXPECT_EQ(kernel_compiler_text("/nonexistent"), "");
}

TEST(KernelCompiler, AMissingCompilerIsAnEnvironmentErrorNamingIt)
{
	FakeHeaders missing("kmh-no-such-gcc-99 (Test 99.0) 99.0");
	EXPECT_EQ(exit_code_of([&] { module_build_root(missing.dir(), "9.9.9-test"); }), ExitCode::environment);
	try {
		module_build_root(missing.dir(), "9.9.9-test");
	} catch (const Error &error) {
		EXPECT_NE(std::string(error.what()).find("has kmh-no-such-gcc-99"), std::string::npos) << error.what();
		EXPECT_NE(std::string(error.what()).find("fetch-kernel.sh SUITE --toolchain"), std::string::npos);
	}
	FakeHeaders present("sh (a program every host has)");
	EXPECT_EQ(module_build_root(present.dir(), "9.9.9-test"), std::nullopt);
	EXPECT_EQ(module_build_root("/nonexistent", "9.9.9-test"), std::nullopt);  // no .config: nothing to check
}

// Headers installed in a suite's root whose /usr/bin has the compiler: the module is built there.
TEST(KernelCompiler, TheSuiteRootWithTheCompilerIsWhereTheModuleIsBuilt)
{
	fs::path root = fs::temp_directory_path() / ("kmh_kernel_compiler_root." + std::to_string(getpid()));
	fs::path headers = root / "usr/src/linux-headers-9.9.9-test";
	fs::create_directories(headers);
	fs::create_directories(root / "usr/bin");
	std::ofstream(headers / ".config") << "CONFIG_CC_VERSION_TEXT=\"kmh-no-such-gcc-99 (Test 99.0) 99.0\"\n";
	EXPECT_EQ(exit_code_of([&] { module_build_root(headers.string(), "9.9.9-test"); }), ExitCode::environment);
	std::ofstream(root / "usr/bin/kmh-no-such-gcc-99") << "#!/bin/sh\n";
	EXPECT_EQ(module_build_root(headers.string(), "9.9.9-test"), root.string());
	fs::remove_all(root);
}

}  // namespace
}  // namespace kmh
