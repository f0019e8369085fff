// The one /proc/meminfo reader: raw field names, kB in bytes, the running machine's file.
#include <gtest/gtest.h>

#include "common/error.h"
#include "system/meminfo.h"

namespace kmh {
namespace {

TEST(Meminfo, KeepsTheKernelsNamesAndTurnsKilobytesIntoBytes)
{
	std::vector<MeminfoField> fields =
		parse_meminfo_fields("MemTotal:       24684084 kB\nActive(anon):       1540 kB\nHugePages_Total:      12\n");
	ASSERT_EQ(fields.size(), 3u);
	EXPECT_EQ(fields[1].name, "Active(anon)");
	EXPECT_EQ(meminfo_value(fields, "MemTotal"), 24684084.0 * 1024);
	EXPECT_EQ(meminfo_value(fields, "HugePages_Total"), 12);
	EXPECT_EQ(meminfo_value(fields, "MemTot"), std::nullopt);
}

TEST(Meminfo, NamesTheSourceAndLineOfAMalformedLine)
{
	try {
		parse_meminfo_fields("MemTotal: 1 kB\nMemFree: 12 MB\n", "guest/meminfo");
		FAIL() << "no error for an unknown unit";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::run_failed);
		EXPECT_NE(std::string(error.what()).find("guest/meminfo line 2"), std::string::npos) << error.what();
	}
}

TEST(Meminfo, ReadsThisMachinesFile)
{
	std::vector<MeminfoField> fields = read_meminfo();
	EXPECT_GT(meminfo_value(fields, "MemTotal").value_or(0), 0);
	EXPECT_TRUE(meminfo_value(fields, "SwapTotal").has_value());
}

}  // namespace
}  // namespace kmh
