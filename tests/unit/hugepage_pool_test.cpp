// Reading the huge page pool out of /proc/meminfo text.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "workloads/hugepage_pool.h"

namespace kmh {
namespace {

TEST(HugepagePool, ReadsSizeTotalAndFree)
{
	auto pool = parse_hugepage_pool("MemFree: 100 kB\nHugePages_Total:      32\nHugePages_Free:       30\n"
					"HugePages_Rsvd:        2\nHugepagesize:       2048 kB\n");
	ASSERT_TRUE(pool);
	EXPECT_EQ(pool->page_bytes, 2u << 20);
	EXPECT_EQ(pool->total, 32);
	EXPECT_EQ(pool->free, 30);
}

TEST(HugepagePool, ReadsTheMeminfoOfA618Machine)
{
	std::ifstream file(std::string(KMH_SOURCE_DIR) + "/tests/unit/fixtures/proc/linux-6.18/meminfo");
	std::stringstream text;
	text << file.rdbuf();
	auto pool = parse_hugepage_pool(text.str());
	ASSERT_TRUE(pool);
	EXPECT_EQ(pool->page_bytes, 2u << 20);
	EXPECT_EQ(pool->free, 0);
}

TEST(HugepagePool, NoPoolWithoutTheFields)
{
	EXPECT_FALSE(parse_hugepage_pool("MemTotal: 1000 kB\nMemFree: 100 kB\n"));
	EXPECT_FALSE(parse_hugepage_pool("HugePages_Total: 1\nHugePages_Free: 1\n"));
}

TEST(HugepagePool, FieldNamesMatchWhole)
{
	// "HugePages_Free_x" must not be read as HugePages_Free.
	EXPECT_FALSE(parse_hugepage_pool("HugePages_Total: 1\nHugePages_Free_x: 1\nHugepagesize: 2048 kB\n"));
}

}  // namespace
}  // namespace kmh
