// Tests of create_unique_dir (harness/system/unique_dir.h): two claims of one name get two folders.
#include <filesystem>

#include <gtest/gtest.h>

#include "common/error.h"
#include "scratch_tree.h"
#include "system/unique_dir.h"

namespace kmh {
namespace {

class UniqueDir : public ScratchTree {
protected:
	UniqueDir() : ScratchTree("kmh_unique_dir") {}
};

TEST_F(UniqueDir, SecondClaimOfTheSameNameGetsANumberedFolder)
{
	std::string base = path("results/pcpu_bounce/20261202T004300Z");
	EXPECT_EQ(create_unique_dir(base), base);
	EXPECT_EQ(create_unique_dir(base), base + "-2");
	EXPECT_EQ(create_unique_dir(base), base + "-3");
	EXPECT_TRUE(std::filesystem::is_directory(base + "-3"));
}

TEST_F(UniqueDir, FolderUnderAFileIsAnEnvironmentError)
{
	write("file", "x");
	try {
		create_unique_dir(path("file/run"));
		FAIL() << "a folder was created under a file";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find(path("file")), std::string::npos) << error.what();
	}
}

}  // namespace
}  // namespace kmh
