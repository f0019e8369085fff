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
	EXPECT_EQ(exit_code_of([&] { require_kernel_compiler(missing.dir(), "9.9.9-test"); }), ExitCode::environment);
	try {
		require_kernel_compiler(missing.dir(), "9.9.9-test");
	} catch (const Error &error) {
		EXPECT_NE(std::string(error.what()).find("no kmh-no-such-gcc-99 in PATH"), std::string::npos) << error.what();
	}
	FakeHeaders present("sh (a program every host has)");
	EXPECT_NO_THROW(require_kernel_compiler(present.dir(), "9.9.9-test"));
	EXPECT_NO_THROW(require_kernel_compiler("/nonexistent", "9.9.9-test"));  // no .config: nothing to check
}

}  // namespace
}  // namespace kmh
