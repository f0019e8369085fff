// Tests of the debugfs extfrag_index and unusable_index parsers on files copied from a 6.18 host and a 6.1 guest.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "collect/proc/fragmentation_index_parser.h"
#include "collect/proc/proc_snapshot.h"
#include "common/error.h"

namespace kmh {
namespace {

const std::string fixtures = std::string(KMH_SOURCE_DIR) + "/tests/unit/fixtures/debugfs/";

std::string read_fixture(const std::string &relative_path)
{
	std::ifstream file(fixtures + relative_path);
	EXPECT_TRUE(file) << "cannot open " << fixtures + relative_path;
	std::ostringstream text;
	text << file.rdbuf();
	return text.str();
}

Labels zone_order(const std::string &zone, int order)
{
	return {{"node", "0"}, {"zone", zone}, {"order", std::to_string(order)}};
}

// The value of the one series called `name` with exactly `labels`; fails the test otherwise.
double series_value(const std::vector<Metric> &metrics, const std::string &name, const Labels &labels)
{
	auto matches = [&](const Metric &m) { return m.name == name && m.labels == labels; };
	EXPECT_EQ(std::count_if(metrics.begin(), metrics.end(), matches), 1) << name;
	auto it = std::find_if(metrics.begin(), metrics.end(), matches);
	return it == metrics.end() ? -2 : it->value;
}

std::string parse_error(const std::string &text)
{
	try {
		parse_extfrag_index(text, "guest:extfrag_index");
	} catch (const Error &e) {
		EXPECT_EQ(e.code(), ExitCode::run_failed);
		return e.what();
	}
	ADD_FAILURE() << "no kmh::Error thrown";
	return "";
}

TEST(FragmentationIndexParser, ReadsMinusOneWhereAFreeBlockExists)
{
	std::vector<Metric> m = parse_extfrag_index(read_fixture("linux-6.18/extfrag/extfrag_index"));
	EXPECT_EQ(m.size(), 3u * 11u);
	EXPECT_EQ(series_value(m, "extfrag_index", zone_order("Normal", 9)), -1.0);
	EXPECT_EQ(series_value(m, "extfrag_index", zone_order("DMA", 0)), -1.0);
	EXPECT_EQ(series_value(m, "extfrag_index", zone_order("DMA32", 10)), -1.0);
}

// A 512 MiB 6.1 guest (tmpfs files) filled until DMA32 kept one free order-9 block and none of order 10; its
// buddyinfo then read 0 2 1 2 2 3 0 1 0 1 0: 792 free pages in 12 blocks, so for order 10
// 1000 - (1000 + 792 * 1000 / 1024) / 12 = 853, as the kernel printed.
TEST(FragmentationIndexParser, ReadsTheIndexOfAnOrderNoFreeBlockServes)
{
	std::vector<Metric> m = parse_extfrag_index(read_fixture("linux-6.1/extfrag/extfrag_index"));
	EXPECT_EQ(m.size(), 2u * 11u);
	EXPECT_EQ(series_value(m, "extfrag_index", zone_order("DMA32", 10)) * 1000, 853);
	EXPECT_EQ(series_value(m, "extfrag_index", zone_order("DMA32", 9)), -1.0);
	EXPECT_EQ(series_value(m, "extfrag_index", zone_order("DMA", 10)), 0.922);
	std::vector<Metric> u = parse_unusable_index(read_fixture("linux-6.1/extfrag/unusable_index"));
	EXPECT_EQ(series_value(u, "unusable_index", zone_order("DMA32", 10)), 1.0);
	EXPECT_EQ(series_value(u, "unusable_index", zone_order("DMA32", 9)), 0.353);
}

TEST(FragmentationIndexParser, ReadsTheUnusableIndexAsPrinted)
{
	std::vector<Metric> m = parse_unusable_index(read_fixture("linux-6.18/extfrag/unusable_index"));
	EXPECT_EQ(m.size(), 3u * 11u);
	EXPECT_EQ(series_value(m, "unusable_index", zone_order("Normal", 0)), 0.0);
	EXPECT_EQ(series_value(m, "unusable_index", zone_order("Normal", 9)), 0.978);
	EXPECT_EQ(series_value(m, "unusable_index", zone_order("Normal", 9)) * 1000, 978.0);
	EXPECT_EQ(series_value(m, "unusable_index", zone_order("DMA", 10)), 0.2);
}

TEST(FragmentationIndexParser, TimesAThousandIsExactlyTheKernelsInteger)
{
	for (int thousandths = 0; thousandths <= 1000; thousandths++) {
		char text[64];
		std::snprintf(text, sizeof(text), "Node 0, zone   Normal %2d.%03d \n", thousandths / 1000, thousandths % 1000);
		std::vector<Metric> m = parse_extfrag_index(text);
		ASSERT_EQ(m.size(), 1u);
		EXPECT_EQ(m[0].value * 1000, thousandths) << text;
	}
}

TEST(FragmentationIndexParser, RejectsAValueWithoutThreeDecimals)
{
	std::string message = parse_error("Node 0, zone   Normal -1.000 0.99 \n");
	EXPECT_NE(message.find("guest:extfrag_index line 1"), std::string::npos) << message;
	EXPECT_NE(message.find("\"0.99\""), std::string::npos) << message;
}

TEST(FragmentationIndexParser, RejectsARowWithoutItsZone)
{
	std::string message = parse_error("Node 0 -1.000 -1.000 -1.000 -1.000\n");
	EXPECT_NE(message.find("\"Node <n>, zone <zone>\""), std::string::npos) << message;
}

TEST(FragmentationIndexParser, SnapshotReadsBothFilesUnderTheDebugfsRoot)
{
	SnapshotRoots roots{.proc = "/nonexistent", .debugfs = fixtures + "linux-6.18"};
	std::vector<Metric> m = take_proc_snapshot({"extfrag_index", "unusable_index"}, roots);
	EXPECT_EQ(m.size(), 2u * 3u * 11u);
	EXPECT_TRUE(needs_debugfs({"meminfo", "unusable_index"}));
	EXPECT_FALSE(needs_debugfs({"meminfo", "buddyinfo"}));
}

TEST(FragmentationIndexParser, MissingDebugfsFileSaysWhatProvidesIt)
{
	try {
		take_proc_snapshot({"extfrag_index"}, SnapshotRoots{.proc = "/proc", .debugfs = "/nonexistent"});
		ADD_FAILURE() << "no kmh::Error thrown";
	} catch (const Error &e) {
		EXPECT_EQ(e.code(), ExitCode::environment);
		std::string message = e.what();
		EXPECT_NE(message.find("/nonexistent/extfrag/extfrag_index"), std::string::npos) << message;
		EXPECT_NE(message.find("CONFIG_COMPACTION"), std::string::npos) << message;
	}
}

}  // namespace
}  // namespace kmh
