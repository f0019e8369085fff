// Tests of read_input_file: regular files only, within the kind's limit, never blocking on a FIFO.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include "common/error.h"
#include "scratch_tree.h"
#include "system/bounded_file.h"

namespace kmh {
namespace {

constexpr InputFileKind small_kind{ "test file", 16, ExitCode::environment };

class BoundedFile : public ScratchTree {
protected:
	BoundedFile() : ScratchTree("kmh-bounded-file") {}
};

// The Error `read_input_file(path, small_kind)` throws.
Error read_error(const std::string &path)
{
	try {
		read_input_file(path, small_kind);
	} catch (const Error &error) {
		return error;
	}
	ADD_FAILURE() << "no error reading " << path;
	return Error(ExitCode::passed, "");
}

TEST_F(BoundedFile, ReadsARegularFileUpToTheLimit)
{
	write("ok", std::string(16, 'x'));
	EXPECT_EQ(read_input_file(path("ok"), small_kind), std::string(16, 'x'));
	check_input_file(path("ok"), small_kind);
}

TEST_F(BoundedFile, RefusesALargerFileNamingItsSizeAndTheLimit)
{
	write("big", std::string(17, 'x'));
	Error error = read_error(path("big"));
	EXPECT_EQ(error.code(), ExitCode::invalid_input);
	EXPECT_EQ(std::string(error.what()),
		  "test file '" + path("big") + "' is 17 bytes; a test file may be at most 16 bytes");
}

TEST_F(BoundedFile, RefusesDevicesWithoutReadingThem)
{
	for (const char *device : { "/dev/zero", "/dev/urandom" }) {
		Error error = read_error(device);
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		EXPECT_EQ(std::string(error.what()), std::string("test file '") + device +
							     "' is a character device; a test file must be a regular file");
	}
}

TEST_F(BoundedFile, RefusesAFifoWithoutWaitingForAWriter)
{
	ASSERT_EQ(mkfifo(path("fifo").c_str(), 0600), 0);
	Error error = read_error(path("fifo"));
	EXPECT_EQ(error.code(), ExitCode::invalid_input);
	EXPECT_NE(std::string(error.what()).find("is a FIFO"), std::string::npos);
}

TEST_F(BoundedFile, RefusesADirectory)
{
	EXPECT_NE(std::string(read_error(dir_.string()).what()).find("is a directory"), std::string::npos);
}

TEST_F(BoundedFile, AMissingFileGetsTheKindsCode)
{
	Error error = read_error(path("missing"));
	EXPECT_EQ(error.code(), ExitCode::environment);
	EXPECT_EQ(std::string(error.what()), "cannot read test file '" + path("missing") + "': No such file or directory");
}

TEST(ByteLimitText, WritesTheLargestWholeUnit)
{
	EXPECT_EQ(byte_limit_text(1 << 20), "1 MiB");
	EXPECT_EQ(byte_limit_text(256ULL << 20), "256 MiB");
	EXPECT_EQ(byte_limit_text(2048), "2 KiB");
	EXPECT_EQ(byte_limit_text(16), "16 bytes");
}

}  // namespace
}  // namespace kmh
