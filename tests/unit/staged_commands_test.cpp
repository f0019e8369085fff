// Tests of finding a scenario's required commands and their libraries for a guest (harness/vm/staged_commands.h).
#include <algorithm>

#include <gtest/gtest.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "vm/staged_commands.h"

namespace kmh {
namespace {

bool lists(const std::vector<std::string> &files, const std::string &fragment)
{
	return std::any_of(files.begin(), files.end(),
			   [&](const std::string &file) { return file.find(fragment) != std::string::npos; });
}

TEST(StagedCommands, ProgramComesWithItsLibrariesAndLoader)
{
	std::vector<std::string> files = required_command_files({ "ls" });
	ASSERT_FALSE(files.empty());
	EXPECT_EQ(files.front(), *find_program("ls"));
	EXPECT_TRUE(lists(files, "libc.so")) << "ls links the C library";
	EXPECT_TRUE(lists(files, "ld-linux")) << "and needs the dynamic loader";
}

TEST(StagedCommands, SharedLibrariesAreListedOnce)
{
	std::vector<std::string> files = required_command_files({ "ls", "cat" });
	EXPECT_EQ(std::count_if(files.begin(), files.end(),
				[](const std::string &file) { return file.find("libc.so") != std::string::npos; }),
		  1);
	EXPECT_TRUE(required_command_files({}).empty());
}

TEST(StagedCommands, MissingCommandIsAnEnvironmentErrorNamingIt)
{
	try {
		required_command_files({ "kmh-no-such-command" });
		ADD_FAILURE() << "no error for a missing command";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find("'kmh-no-such-command'"), std::string::npos);
	}
}

}  // namespace
}  // namespace kmh
