// Small real runs of the memory_pressure and oom_provoker workloads, and their refusals.
#include <gtest/gtest.h>

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "common/error.h"
#include "system/cgroup_mounts.h"
#include "system/file_io.h"
#include "workloads/workload.h"

namespace kmh {
namespace {

// A workload of `kind` with its defaults, `overrides` on top, and a scratch directory under /var/tmp.
class PressureWorkload : public testing::Test {
protected:
	void SetUp() override
	{
		scratch_ = "/var/tmp/kmh-pressure-test-XXXXXX";
		ASSERT_NE(mkdtemp(scratch_.data()), nullptr);
	}
	void TearDown() override { std::filesystem::remove_all(scratch_); }

	std::unique_ptr<Workload> create(const std::string &kind, const std::map<std::string, OptionValue> &overrides)
	{
		const WorkloadDescriptor &descriptor = *find_workload(kind);
		for (const OptionSpec &option : descriptor.schema.options)
			if (option.default_value)
				values_.set(option.name, *option.default_value);
		for (const auto &[name, value] : overrides)
			values_.set(name, value);
		return descriptor.create(WorkloadContext{"test", &values_, {}, scratch_});
	}

	static std::map<std::string, double> metrics_of(const std::vector<WorkloadMetric> &metrics)
	{
		std::map<std::string, double> values;
		for (const WorkloadMetric &metric : metrics)
			values[metric.metric] = metric.value;
		return values;
	}

	std::string scratch_;
	OptionValues values_;
};

TEST_F(PressureWorkload, FileSourceReadsTheSparseFileEveryPass)
{
	auto workload = create("memory_pressure", {{"bytes", std::int64_t{1} << 20}, {"passes", std::int64_t{3}}});
	workload->prepare();
	auto metrics = metrics_of(workload->run());
	workload->cleanup();
	EXPECT_EQ(metrics["bytes"], 3 << 20);
	EXPECT_EQ(metrics["pages"], (3 << 20) / getpagesize());
	EXPECT_EQ(metrics["passes"], 3);
	EXPECT_EQ(metrics.count("settled"), 0u) << "settle = 0 waited";
	EXPECT_TRUE(std::filesystem::is_empty(scratch_)) << "cleanup() left its file in " << scratch_;
}

// Reading 1 MiB of holes reclaims nothing, so the wait ends after three quiet polls.
TEST_F(PressureWorkload, SettleWaitsForQuietPollsAndReportsTheWait)
{
	auto workload = create("memory_pressure", {{"bytes", std::int64_t{1} << 20}, {"settle", std::int64_t{5'000'000'000}}});
	workload->prepare();
	auto metrics = metrics_of(workload->run());
	workload->cleanup();
	if (metrics["settled"] == 0)
		GTEST_SKIP() << "this machine kept reclaiming for 5 s";
	EXPECT_GE(metrics["settle_seconds"], 0.3);
	EXPECT_LT(metrics["settle_seconds"], 5.0);
}

TEST_F(PressureWorkload, SettleShorterThanThreePollsIsInvalid)
{
	try {
		create("memory_pressure", {{"settle", std::int64_t{200'000'000}}});
		FAIL() << "settle = 200ms was accepted";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		EXPECT_NE(std::string(error.what()).find("at least 300 ms"), std::string::npos) << error.what();
	}
}

TEST_F(PressureWorkload, AnonSourceWithoutSwapIsAnEnvironmentError)
{
	std::string swaps = read_text_file("/proc/swaps").value_or("");
	if (std::count(swaps.begin(), swaps.end(), '\n') > 1)
		GTEST_SKIP() << "this machine has swap";
	try {
		create("memory_pressure", {{"source", std::string("anon")}});
		FAIL() << "source = anon was accepted without swap";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::environment);
		EXPECT_NE(std::string(error.what()).find("SwapTotal"), std::string::npos) << error.what();
	}
}

TEST_F(PressureWorkload, OomProvokerRefusesToRunWithoutAMemoryLimit)
{
	if (own_memory_limit())
		GTEST_SKIP() << "the tests run inside a memory limit";
	auto workload = create("oom_provoker", {});
	try {
		workload->prepare();
		FAIL() << "oom_provoker prepared itself outside a memory limit";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		EXPECT_NE(std::string(error.what()).find("[cgroup] memory_max"), std::string::npos) << error.what();
	}
}

}  // namespace
}  // namespace kmh
