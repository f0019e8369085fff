// Tests of reading /proc snapshot files from a proc root.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <unistd.h>

#include "collect/proc/proc_snapshot.h"
#include "common/error.h"

namespace kmh {
namespace {

const std::string fixtures = std::string(KMH_SOURCE_DIR) + "/tests/unit/fixtures/proc/";

long count_named(const std::vector<Metric> &metrics, const std::string &name)
{
	return std::count_if(metrics.begin(), metrics.end(), [&](const Metric &m) { return m.name == name; });
}

// The kmh::Error `take` throws; fails the test when it throws none.
template <typename Take>
Error snapshot_error(Take take)
{
	try {
		take();
	} catch (const Error &e) {
		return e;
	}
	ADD_FAILURE() << "no kmh::Error thrown";
	return run_error("");
}

TEST(ProcSnapshot, ListsTheSixProcKindsAndTheTwoDebugfsOnes)
{
	std::vector<std::string> names;
	for (const ProcSnapshotKind &kind : proc_snapshot_kinds())
		names.push_back(kind.name);
	EXPECT_EQ(names, (std::vector<std::string>{"pagetypeinfo", "buddyinfo", "meminfo", "vmstat", "slabinfo", "zoneinfo",
						   "extfrag_index", "unusable_index"}));
	EXPECT_EQ(find_proc_snapshot_kind("extfrag_index")->root, SnapshotRoot::debugfs);
	ASSERT_NE(find_proc_snapshot_kind("slabinfo"), nullptr);
	EXPECT_EQ(find_proc_snapshot_kind("slabinfo")->file, "slabinfo");
	EXPECT_EQ(find_proc_snapshot_kind("iomem"), nullptr);
}

TEST(ProcSnapshot, ReadsEveryKindUnderAProcRoot)
{
	std::vector<std::string> kinds = {"pagetypeinfo", "buddyinfo", "meminfo", "vmstat", "slabinfo", "zoneinfo"};
	std::vector<Metric> m = take_proc_snapshot(kinds, {.proc = fixtures + "linux-6.18"});
	EXPECT_EQ(count_named(m, "pagetypeinfo.free"), 165);
	EXPECT_EQ(count_named(m, "pagetypeinfo.pageblocks"), 15);
	EXPECT_EQ(count_named(m, "buddyinfo.free"), 33);
	EXPECT_EQ(count_named(m, "meminfo.SReclaimable"), 1);
	EXPECT_EQ(count_named(m, "vmstat.pgfault"), 1);
	EXPECT_EQ(count_named(m, "slabinfo.pages"), 235);
	EXPECT_EQ(count_named(m, "zoneinfo.pcp.high_max"), 6);
}

TEST(ProcSnapshot, ReadsOnlyTheKindsAskedFor)
{
	std::vector<Metric> m = take_proc_snapshot({"pagetypeinfo"}, {.proc = fixtures + "linux-6.1-cma"});
	EXPECT_EQ(m.size(), 198u + 18u);
	EXPECT_EQ(count_named(m, "meminfo.MemTotal"), 0);
}

TEST(ProcSnapshot, MissingFileIsAnEnvironmentErrorSayingWhatProvidesIt)
{
	Error e = snapshot_error([] { take_proc_snapshot({"slabinfo"}, {.proc = fixtures + "linux-6.1-cma"}); });
	EXPECT_EQ(e.code(), ExitCode::environment);
	std::string message = e.what();
	EXPECT_NE(message.find(fixtures + "linux-6.1-cma/slabinfo"), std::string::npos) << message;
	EXPECT_NE(message.find("CONFIG_SLUB_DEBUG"), std::string::npos) << message;
	EXPECT_NE(message.find("root"), std::string::npos) << message;
}

TEST(ProcSnapshot, UnreadableFileIsAnEnvironmentError)
{
	std::filesystem::path root = std::filesystem::temp_directory_path() / ("kmh_proc_snapshot_test." + std::to_string(getpid()));
	std::filesystem::create_directories(root / "meminfo");
	Error e = snapshot_error([&] { take_proc_snapshot({"meminfo"}, {.proc = root.string()}); });
	std::filesystem::remove_all(root);
	EXPECT_EQ(e.code(), ExitCode::environment);
	EXPECT_NE(std::string(e.what()).find("Is a directory"), std::string::npos) << e.what();
}

TEST(ProcSnapshot, UnknownKindIsInvalidInput)
{
	Error e = snapshot_error([] { take_proc_snapshot({"slabinf"}, {.proc = fixtures + "linux-6.18"}); });
	EXPECT_EQ(e.code(), ExitCode::invalid_input);
	EXPECT_NE(std::string(e.what()).find("'slabinfo'"), std::string::npos) << e.what();
}

TEST(ProcSnapshot, ReadsTheRunningKernel)
{
	if (access("/proc/pagetypeinfo", R_OK) != 0)
		GTEST_SKIP() << "/proc/pagetypeinfo is not readable here";
	std::vector<Metric> m = take_proc_snapshot({"pagetypeinfo", "meminfo"});
	EXPECT_GT(count_named(m, "pagetypeinfo.free"), 0);
	EXPECT_EQ(count_named(m, "meminfo.MemTotal"), 1);
}

}  // namespace
}  // namespace kmh
