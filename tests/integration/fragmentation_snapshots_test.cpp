// The debugfs snapshots extfrag_index and unusable_index, and sysctl.<name>, on the running kernel.
#include <cmath>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "kmemharness_run.h"
#include "machine_state.h"
#include "result_file.h"
#include "scratch_dir.h"

namespace kmh::integration {
namespace {

std::string threshold_now()
{
	return read_first_line("/proc/sys/vm/extfrag_threshold");
}

// "<node>/<zone>/<order>" of every series of `name`.
std::set<std::string> zone_orders(const ResultFile &result, const std::string &name)
{
	std::set<std::string> keys;
	for (const nlohmann::json &series : result.series(name)) {
		const nlohmann::json &labels = series.at("labels");
		keys.insert(labels.at("node").get<std::string>() + "/" + labels.at("zone").get<std::string>() + "/" +
			    labels.at("order").get<std::string>());
	}
	return keys;
}

TEST(FragmentationSnapshots, IndicesCoverBuddyinfosZonesAndTheSetThresholdIsAMetric)
{
	if (threshold_now().empty())
		GTEST_SKIP() << "no /proc/sys/vm/extfrag_threshold: a kernel without CONFIG_COMPACTION";
	std::string before = threshold_now();
	ScratchDir scratch;
	ProcessOutcome run = run_kmemharness({"run", test_scenario("fragindex_snapshots.toml"), "--output", scratch / "out"});
	KMH_SKIP_OR_FAIL_IF(environment_gap(run));
	ASSERT_EQ(run.exit_code, exit_status::passed) << describe(run);
	EXPECT_EQ(threshold_now(), before) << "vm.extfrag_threshold was not restored";

	ResultFile result(scratch / "out/result.json");
	EXPECT_EQ(result.sum("sysctl.vm.extfrag_threshold"), 600);
	std::set<std::string> buddy = zone_orders(result, "buddyinfo.free.before");
	ASSERT_FALSE(buddy.empty());
	for (const char *name : {"extfrag_index.before", "extfrag_index.after", "unusable_index.before", "unusable_index.after"})
		EXPECT_EQ(zone_orders(result, name), buddy) << name << " has other zones or orders than /proc/buddyinfo";
	for (const nlohmann::json &series : result.series("extfrag_index.after")) {
		double thousandths = series.at("value").get<double>() * 1000;
		EXPECT_TRUE(thousandths == -1000 || (thousandths >= 0 && thousandths <= 1000)) << series.dump();
		EXPECT_EQ(thousandths, std::round(thousandths)) << series.dump();
	}
	for (const nlohmann::json &series : result.series("unusable_index.after"))
		EXPECT_TRUE(series.at("value").get<double>() >= 0 && series.at("value").get<double>() <= 1) << series.dump();
}

}  // namespace
}  // namespace kmh::integration
