// Tests of the /proc parsers on files copied from a 6.18 machine, a 6.1 pagetypeinfo with CMA and 6.1's zoneinfo layout.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "collect/proc/buddyinfo_parser.h"
#include "collect/proc/meminfo_parser.h"
#include "collect/proc/pagetypeinfo_parser.h"
#include "collect/proc/slabinfo_parser.h"
#include "collect/proc/vmstat_parser.h"
#include "collect/proc/zoneinfo_parser.h"
#include "common/error.h"

namespace kmh {
namespace {

std::string read_fixture(const std::string &relative_path)
{
	std::string path = std::string(KMH_SOURCE_DIR) + "/tests/unit/fixtures/proc/" + relative_path;
	std::ifstream file(path);
	EXPECT_TRUE(file) << "cannot open " << path;
	std::ostringstream text;
	text << file.rdbuf();
	return text.str();
}

// The value of the one series called `name` with exactly `labels`; fails the test otherwise.
double series_value(const std::vector<Metric> &metrics, const std::string &name, const Labels &labels = {})
{
	auto matches = [&](const Metric &m) { return m.name == name && m.labels == labels; };
	long count = std::count_if(metrics.begin(), metrics.end(), matches);
	EXPECT_EQ(count, 1) << name << " with the given labels";
	auto it = std::find_if(metrics.begin(), metrics.end(), matches);
	return it == metrics.end() ? -1 : it->value;
}

long count_named(const std::vector<Metric> &metrics, const std::string &name)
{
	return std::count_if(metrics.begin(), metrics.end(), [&](const Metric &m) { return m.name == name; });
}

// The message of the kmh::Error `parse` throws; fails the test when it throws none or another code.
template <typename Parse>
std::string parse_error(Parse parse)
{
	try {
		parse();
	} catch (const Error &e) {
		EXPECT_EQ(e.code(), ExitCode::run_failed);
		return e.what();
	}
	ADD_FAILURE() << "no kmh::Error thrown";
	return "";
}

Labels free_labels(const std::string &zone, const std::string &order, const std::string &migratetype)
{
	return {{"node", "0"}, {"zone", zone}, {"order", order}, {"migratetype", migratetype}};
}

Labels block_labels(const std::string &zone, const std::string &migratetype)
{
	return {{"node", "0"}, {"zone", zone}, {"migratetype", migratetype}};
}

TEST(PagetypeinfoParser, ReadsFreeCountsOfTheRealFile)
{
	std::vector<Metric> m = parse_pagetypeinfo(read_fixture("linux-6.18/pagetypeinfo"));
	EXPECT_EQ(series_value(m, "pagetypeinfo.free", free_labels("Normal", "3", "UNMOVABLE")), 262);
	EXPECT_EQ(series_value(m, "pagetypeinfo.free", free_labels("Normal", "0", "RECLAIMABLE")), 760);
	EXPECT_EQ(series_value(m, "pagetypeinfo.free", free_labels("DMA32", "10", "MOVABLE")), 752);
	EXPECT_EQ(series_value(m, "pagetypeinfo.free", free_labels("DMA", "8", "UNMOVABLE")), 1);
	EXPECT_EQ(count_named(m, "pagetypeinfo.free"), 3 * 5 * 11);
}

TEST(PagetypeinfoParser, ReadsPageblocksOfTheRealFile)
{
	std::vector<Metric> m = parse_pagetypeinfo(read_fixture("linux-6.18/pagetypeinfo"));
	EXPECT_EQ(series_value(m, "pagetypeinfo.pageblocks", block_labels("Normal", "UNMOVABLE")), 48);
	EXPECT_EQ(series_value(m, "pagetypeinfo.pageblocks", block_labels("Normal", "MOVABLE")), 676);
	EXPECT_EQ(series_value(m, "pagetypeinfo.pageblocks", block_labels("DMA32", "MOVABLE")), 1528);
	EXPECT_EQ(series_value(m, "pagetypeinfo.pageblocks", block_labels("Normal", "HIGHATOMIC")), 0);
	EXPECT_EQ(count_named(m, "pagetypeinfo.pageblocks"), 3 * 5);
}

TEST(PagetypeinfoParser, ReadsCmaColumnsOfTheLinux61Layout)
{
	std::vector<Metric> m = parse_pagetypeinfo(read_fixture("linux-6.1-cma/pagetypeinfo"));
	EXPECT_EQ(series_value(m, "pagetypeinfo.free", free_labels("DMA32", "10", "CMA")), 15);
	EXPECT_EQ(series_value(m, "pagetypeinfo.free", free_labels("DMA32", "0", "CMA")), 7);
	EXPECT_EQ(series_value(m, "pagetypeinfo.free", free_labels("Normal", "2", "HIGHATOMIC")), 1);
	EXPECT_EQ(series_value(m, "pagetypeinfo.free", free_labels("Normal", "0", "ISOLATE")), 0);
	EXPECT_EQ(series_value(m, "pagetypeinfo.pageblocks", block_labels("DMA32", "CMA")), 32);
	EXPECT_EQ(series_value(m, "pagetypeinfo.pageblocks", block_labels("Normal", "HIGHATOMIC")), 1);
	EXPECT_EQ(count_named(m, "pagetypeinfo.free"), 3 * 6 * 11);
	EXPECT_EQ(count_named(m, "pagetypeinfo.pageblocks"), 3 * 6);
}

TEST(PagetypeinfoParser, TakesOrdersFromTheHeaderAndReadsCappedCounts)
{
	std::string text = "Free pages count per migrate type at order       0      1 \n"
			   "Node    1, zone   Normal, type      Movable >100000     42 \n"
			   "\n"
			   "Number of blocks type     Unmovable      Movable      Unknown \n"
			   "Node 1, zone   Normal            3            4            5 \n"
			   "\n"
			   "Number of mixed blocks     Unmovable      Movable      Unknown \n"
			   "Node 1, zone   Normal            1            0            0 \n";
	std::vector<Metric> m = parse_pagetypeinfo(text);
	Labels movable_order_0 = {{"node", "1"}, {"zone", "Normal"}, {"order", "0"}, {"migratetype", "MOVABLE"}};
	EXPECT_EQ(series_value(m, "pagetypeinfo.free", movable_order_0), 100000);
	EXPECT_EQ(count_named(m, "pagetypeinfo.free"), 2);
	EXPECT_EQ(series_value(m, "pagetypeinfo.pageblocks", {{"node", "1"}, {"zone", "Normal"}, {"migratetype", "UNKNOWN"}}), 5);
	EXPECT_EQ(count_named(m, "pagetypeinfo.pageblocks"), 3);
}

TEST(PagetypeinfoParser, RejectsARowWithMissingOrders)
{
	std::string text = read_fixture("linux-6.18/pagetypeinfo");
	std::string row = "Node    0, zone   Normal, type      Movable ";
	std::size_t at = text.find(row);
	ASSERT_NE(at, std::string::npos);
	text.erase(text.find('\n', at) - 10, 10);
	std::string message = parse_error([&] { parse_pagetypeinfo(text); });
	EXPECT_NE(message.find("/proc/pagetypeinfo line 16"), std::string::npos) << message;
	EXPECT_NE(message.find("one count per order"), std::string::npos) << message;
}

TEST(PagetypeinfoParser, RejectsTextWithoutItsBlocks)
{
	std::string message = parse_error([] { parse_pagetypeinfo("Page block order: 9\n", "guest:/proc/pagetypeinfo"); });
	EXPECT_NE(message.find("guest:/proc/pagetypeinfo has no"), std::string::npos) << message;
}

TEST(BuddyinfoParser, ReadsTheRealFile)
{
	std::vector<Metric> m = parse_buddyinfo(read_fixture("linux-6.18/buddyinfo"));
	Labels normal = {{"node", "0"}, {"zone", "Normal"}};
	normal["order"] = "0";
	EXPECT_EQ(series_value(m, "buddyinfo.free", normal), 761);
	normal["order"] = "10";
	EXPECT_EQ(series_value(m, "buddyinfo.free", normal), 265);
	EXPECT_EQ(series_value(m, "buddyinfo.free", {{"node", "0"}, {"zone", "DMA32"}, {"order", "4"}}), 5);
	EXPECT_EQ(count_named(m, "buddyinfo.free"), 3 * 11);
}

TEST(BuddyinfoParser, RejectsANonNumericCount)
{
	std::string message = parse_error([] { parse_buddyinfo("Node 0, zone      DMA      0      x      0 \n"); });
	EXPECT_NE(message.find("/proc/buddyinfo line 1"), std::string::npos) << message;
	EXPECT_NE(message.find("\"x\""), std::string::npos) << message;
}

TEST(ZoneinfoParser, ReadsThePagesetsOfTheRealFile)
{
	std::vector<Metric> m = parse_zoneinfo(read_fixture("linux-6.18/zoneinfo"));
	Labels normal_cpu0 = {{"node", "0"}, {"zone", "Normal"}, {"cpu", "0"}};
	EXPECT_EQ(series_value(m, "zoneinfo.pcp.count", normal_cpu0), 94625);
	EXPECT_EQ(series_value(m, "zoneinfo.pcp.high", normal_cpu0), 121396);
	EXPECT_EQ(series_value(m, "zoneinfo.pcp.batch", normal_cpu0), 63);
	EXPECT_EQ(series_value(m, "zoneinfo.pcp.high_max", normal_cpu0), 258048);
	EXPECT_EQ(series_value(m, "zoneinfo.pcp.high_max", {{"node", "0"}, {"zone", "DMA"}, {"cpu", "1"}}), 240);
	EXPECT_EQ(count_named(m, "zoneinfo.pcp.count"), 3 * 2) << "DMA, DMA32 and Normal on 2 CPUs; Movable and Device have no pagesets";
}

// Linux 6.1 prints count, high and batch only (mm/vmstat.c before 6.7): its high is not
// auto-tuned, so high is also the most the lists may hold.
TEST(ZoneinfoParser, TakesHighAsHighMaxInTheLinux61Layout)
{
	std::vector<Metric> m = parse_zoneinfo("Node 0, zone   Normal\n"
					       "  pages free     3840\n"
					       "        protection: (0, 0, 0, 0)\n"
					       "  pagesets\n"
					       "    cpu: 0\n"
					       "              count: 17\n"
					       "              high:  378\n"
					       "              batch: 63\n"
					       "  vm stats threshold: 24\n"
					       "  node_unreclaimable:  0\n"
					       "  start_pfn:           1048576\n"
					       "Node 0, zone  Movable\n"
					       "  pages free     0\n");
	Labels cpu0 = {{"node", "0"}, {"zone", "Normal"}, {"cpu", "0"}};
	EXPECT_EQ(series_value(m, "zoneinfo.pcp.count", cpu0), 17);
	EXPECT_EQ(series_value(m, "zoneinfo.pcp.high_max", cpu0), 378);
	EXPECT_EQ(m.size(), 4u);
}

TEST(ZoneinfoParser, RejectsAPagesetWithoutItsCount)
{
	std::string message = parse_error([] {
		parse_zoneinfo("Node 0, zone   Normal\n  pagesets\n    cpu: 0\n              high:  378\n"
			       "              batch: 63\n  vm stats threshold: 24\n");
	});
	EXPECT_NE(message.find("/proc/zoneinfo line 6"), std::string::npos) << message;
	EXPECT_NE(message.find("count, high and batch"), std::string::npos) << message;
}

TEST(MeminfoParser, ConvertsKilobytesToBytes)
{
	std::vector<Metric> m = parse_meminfo(read_fixture("linux-6.18/meminfo"));
	EXPECT_EQ(series_value(m, "meminfo.SReclaimable"), 83180.0 * 1024);
	EXPECT_EQ(series_value(m, "meminfo.MemTotal"), 24684084.0 * 1024);
	EXPECT_EQ(series_value(m, "meminfo.VmallocTotal"), 34359738367.0 * 1024);
	EXPECT_EQ(m.size(), 54u);
}

TEST(MeminfoParser, KeepsUnitlessFieldsAndFlattensParentheses)
{
	std::vector<Metric> m = parse_meminfo("HugePages_Total:      12\nActive(anon):       1540 kB\n");
	EXPECT_EQ(series_value(m, "meminfo.HugePages_Total"), 12);
	EXPECT_EQ(series_value(m, "meminfo.Active_anon"), 1540.0 * 1024);
}

TEST(MeminfoParser, RejectsAnUnknownUnit)
{
	std::string message = parse_error([] { parse_meminfo("MemTotal:       24684084 kB\nMemFree:  12 MB\n"); });
	EXPECT_NE(message.find("/proc/meminfo line 2"), std::string::npos) << message;
}

TEST(VmstatParser, ReadsTheRealFile)
{
	std::vector<Metric> m = parse_vmstat(read_fixture("linux-6.18/vmstat"));
	EXPECT_EQ(series_value(m, "vmstat.pgfault"), 1696107);
	EXPECT_EQ(series_value(m, "vmstat.thp_fault_alloc"), 128);
	EXPECT_EQ(series_value(m, "vmstat.compact_stall"), 0);
	EXPECT_EQ(m.size(), 192u);
}

TEST(VmstatParser, RejectsALineWithoutAValue)
{
	std::string message = parse_error([] { parse_vmstat("pgfault 12\npgmajfault\n"); });
	EXPECT_NE(message.find("/proc/vmstat line 2"), std::string::npos) << message;
}

TEST(SlabinfoParser, ReadsObjectsAndPagesOfTheRealFile)
{
	std::vector<Metric> m = parse_slabinfo(read_fixture("linux-6.18/slabinfo"));
	Labels task_struct = {{"cache", "task_struct"}};
	EXPECT_EQ(series_value(m, "slabinfo.active_objs", task_struct), 110);
	EXPECT_EQ(series_value(m, "slabinfo.num_objs", task_struct), 120);
	EXPECT_EQ(series_value(m, "slabinfo.pages", task_struct), 24 * 8);
	EXPECT_EQ(series_value(m, "slabinfo.pages", {{"cache", "biovec-max"}}), 19 * 8);
	EXPECT_EQ(series_value(m, "slabinfo.active_objs", {{"cache", "kmalloc-64"}}), 2240);
	EXPECT_EQ(count_named(m, "slabinfo.pages"), 235);
}

TEST(SlabinfoParser, RejectsAnotherVersion)
{
	std::string message = parse_error([] { parse_slabinfo("slabinfo - version: 2.0\n"); });
	EXPECT_NE(message.find("/proc/slabinfo line 1"), std::string::npos) << message;
	EXPECT_NE(message.find("2.1"), std::string::npos) << message;
}

TEST(SlabinfoParser, RejectsATruncatedRow)
{
	std::string text = "slabinfo - version: 2.1\n"
			   "kmalloc-64          2240   2304     64   64    1 : tunables    0    0    0 : slabdata\n";
	std::string message = parse_error([&] { parse_slabinfo(text); });
	EXPECT_NE(message.find("/proc/slabinfo line 2"), std::string::npos) << message;
}

}  // namespace
}  // namespace kmh
