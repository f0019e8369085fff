// Tests of check_output_folder: files, overlong names and unwritable folders, found before a run.
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <gtest/gtest.h>

#include "common/error.h"
#include "scratch_tree.h"
#include "system/output_folder.h"

namespace kmh {
namespace {

class OutputFolder : public ScratchTree {
protected:
	OutputFolder() : ScratchTree("kmh-output-folder") {}
};

// The Error check_output_folder(dir, "--output") throws.
Error check_error(const std::string &dir)
{
	try {
		check_output_folder(dir, "--output");
	} catch (const Error &error) {
		return error;
	}
	ADD_FAILURE() << "no error for " << dir;
	return Error(ExitCode::passed, "");
}

bool leaves_nothing(const std::filesystem::path &dir)
{
	return std::filesystem::is_empty(dir);
}

TEST_F(OutputFolder, AcceptsAnExistingOrCreatableFolderAndCreatesNothing)
{
	check_output_folder(dir_.string(), "--output");
	check_output_folder(path("a/b/c"), "--output");
	EXPECT_TRUE(leaves_nothing(dir_));
}

TEST_F(OutputFolder, AFileIsNotAFolder)
{
	write("file", "x");
	Error error = check_error(path("file"));
	EXPECT_EQ(error.code(), ExitCode::invalid_input);
	EXPECT_EQ(std::string(error.what()), "--output '" + path("file") + "' is a file, not a folder; name a folder");
	Error below = check_error(path("file/sub"));
	EXPECT_EQ(below.code(), ExitCode::invalid_input);
	EXPECT_EQ(std::string(below.what()),
		  "--output '" + path("file/sub") + "' cannot be created: '" + path("file") + "' is a file");
}

TEST_F(OutputFolder, ANameLongerThanTheFileSystemTakesIsRefused)
{
	Error error = check_error(path(std::string(10000, 'n') + "/20261202T000000Z"));
	EXPECT_EQ(error.code(), ExitCode::invalid_input);
	EXPECT_NE(std::string(error.what()).find("bytes; at most 4095 are accepted"), std::string::npos) << error.what();
	Error name = check_error(path(std::string(256, 'n')));
	EXPECT_NE(std::string(name.what()).find("is 256 bytes; a file system takes at most 255"), std::string::npos)
		<< name.what();
}

// A read-only mount is unwritable for root too; the check tries a folder there instead of trusting
// the permission bits.
TEST_F(OutputFolder, AReadOnlyFolderIsAnEnvironmentError)
{
	std::filesystem::create_directories(path("ro"));
	if (mount("tmpfs", path("ro").c_str(), "tmpfs", MS_RDONLY, "size=1m") != 0)
		GTEST_SKIP() << "cannot mount a read-only tmpfs here (needs root): " << std::strerror(errno);
	Error error = check_error(path("ro/out"));
	umount2(path("ro").c_str(), MNT_DETACH);
	EXPECT_EQ(error.code(), ExitCode::environment);
	EXPECT_NE(std::string(error.what()).find("Read-only file system"), std::string::npos) << error.what();
}

}  // namespace
}  // namespace kmh
