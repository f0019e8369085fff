// Tests of the workload registry: well-formed, creatable descriptors; small real runs of each workload.
#include <gtest/gtest.h>

#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <variant>

#include "common/error.h"
#include "workloads/workload.h"

namespace kmh {
namespace {

const std::int64_t KiB = 1024;
const std::int64_t MiB = 1024 * KiB;

std::vector<std::string> registered_kinds()
{
	std::vector<std::string> kinds;
	for (const WorkloadDescriptor &descriptor : workload_registry())
		kinds.push_back(descriptor.schema.kind);
	return kinds;
}

// The descriptor's defaults, with the required options a test must supply.
OptionValues default_options(const WorkloadDescriptor &descriptor)
{
	OptionValues values;
	for (const OptionSpec &option : descriptor.schema.options)
		if (option.default_value)
			values.set(option.name, *option.default_value);
	if (descriptor.schema.kind == "stress-ng")
		values.set("stressor", std::string("vm"));
	return values;
}

bool default_matches_type(const OptionSpec &option)
{
	const OptionValue &value = *option.default_value;
	switch (option.type) {
	case OptionType::integer:
	case OptionType::size:
	case OptionType::duration:
		return std::holds_alternative<std::int64_t>(value) && option.min <= std::get<std::int64_t>(value) &&
		       std::get<std::int64_t>(value) <= option.max;
	case OptionType::boolean:
		return std::holds_alternative<bool>(value);
	case OptionType::string:
		return std::holds_alternative<std::string>(value);
	case OptionType::choice:
		return std::holds_alternative<std::string>(value) &&
		       std::count(option.choices.begin(), option.choices.end(), std::get<std::string>(value)) == 1;
	case OptionType::string_map:
		return std::holds_alternative<std::map<std::string, std::string>>(value);
	}
	return false;
}

int online_cpus()
{
	return static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN));
}

class Descriptor : public testing::TestWithParam<std::string> {
protected:
	const WorkloadDescriptor &descriptor() const { return *find_workload(GetParam()); }
};

TEST_P(Descriptor, IsFoundUnderItsKindAlone)
{
	std::vector<std::string> kinds = registered_kinds();
	EXPECT_EQ(std::count(kinds.begin(), kinds.end(), GetParam()), 1);
	ASSERT_NE(find_workload(GetParam()), nullptr);
	EXPECT_EQ(find_workload(GetParam())->schema.kind, GetParam());
	EXPECT_FALSE(descriptor().schema.summary.empty());
}

TEST_P(Descriptor, OptionsAreUniqueAndDefaultsFitTheirRange)
{
	std::set<std::string> names;
	for (const OptionSpec &option : descriptor().schema.options) {
		SCOPED_TRACE(option.name);
		EXPECT_TRUE(names.insert(option.name).second);
		EXPECT_FALSE(option.help.empty());
		EXPECT_LE(option.min, option.max);
		if (option.default_value) {
			EXPECT_TRUE(default_matches_type(option));
		}
	}
}

TEST_P(Descriptor, DeclaresItsMetrics)
{
	std::set<std::string> names;
	ASSERT_FALSE(descriptor().schema.metrics.empty());
	for (const WorkloadMetricSpec &metric : descriptor().schema.metrics) {
		EXPECT_TRUE(names.insert(metric.metric).second) << metric.metric;
		EXPECT_FALSE(metric.help.empty()) << metric.metric;
	}
}

TEST_P(Descriptor, CreatesAWorkloadFromDefaultOptions)
{
	ASSERT_TRUE(descriptor().unsupported_reason);
	ASSERT_TRUE(descriptor().create);
	if (auto reason = descriptor().unsupported_reason())
		GTEST_SKIP() << *reason;
	if (descriptor().schema.kind == "pcp_bounce" && online_cpus() < 2)
		GTEST_SKIP() << "pcp_bounce's default free_cpu = 1 needs two CPUs";
	OptionValues values = default_options(descriptor());
	WorkloadContext context{"test", &values, {}, testing::TempDir()};
	EXPECT_NE(descriptor().create(context), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Registry, Descriptor, testing::ValuesIn(registered_kinds()),
			 [](const testing::TestParamInfo<std::string> &info) {
				 std::string name = info.param;
				 std::replace(name.begin(), name.end(), '-', '_');
				 return name;
			 });

TEST(Registry, UnknownKindIsNotFound)
{
	EXPECT_EQ(find_workload("no_such_workload"), nullptr);
}

// Creates a workload of `kind` with its defaults overridden by `overrides`.
std::unique_ptr<Workload> create_workload(const std::string &kind, const OptionValues &overrides,
					  std::vector<int> cpus = {}, const std::string &scratch_dir = testing::TempDir())
{
	const WorkloadDescriptor &descriptor = *find_workload(kind);
	OptionValues values = default_options(descriptor);
	for (const auto &[name, value] : overrides.all())
		values.set(name, value);
	WorkloadContext context{"test", &values, std::move(cpus), scratch_dir};
	return descriptor.create(context);
}

// Workloads pin the thread that prepares them; the tests that follow get the old affinity back.
class AffinityKeeper {
public:
	AffinityKeeper() { sched_getaffinity(0, sizeof(saved_), &saved_); }
	~AffinityKeeper() { sched_setaffinity(0, sizeof(saved_), &saved_); }

private:
	cpu_set_t saved_;
};

std::map<std::string, double> run_workload(Workload &workload)
{
	AffinityKeeper keeper;
	workload.prepare();
	std::map<std::string, double> values;
	for (const WorkloadMetric &metric : workload.run())
		values[metric.metric] = metric.value;
	workload.cleanup();
	return values;
}

ExitCode creation_error(const std::string &kind, const OptionValues &overrides, std::vector<int> cpus = {})
{
	try {
		create_workload(kind, overrides, std::move(cpus));
	} catch (const Error &e) {
		return e.code();
	}
	return ExitCode::passed;
}

OptionValues options(std::initializer_list<std::pair<const char *, OptionValue>> pairs)
{
	OptionValues values;
	for (const auto &[name, value] : pairs)
		values.set(name, value);
	return values;
}

TEST(AnonFault, TouchesEveryPageOfEveryRound)
{
	auto workload = create_workload("anon_fault", options({{"bytes", 16 * KiB}, {"rounds", std::int64_t{3}}}), {0});
	std::map<std::string, double> metrics = run_workload(*workload);
	EXPECT_EQ(metrics["pages"], 3 * 16 * KiB / getpagesize());
	EXPECT_EQ(metrics["rounds"], 3);
}

TEST(AnonFault, RejectsASizeThatIsNotWholePages)
{
	EXPECT_EQ(creation_error("anon_fault", options({{"bytes", std::int64_t{5000}}})), ExitCode::invalid_input);
}

TEST(PcpBounce, BouncesEveryPageToTheFreeCpu)
{
	std::int64_t free_cpu = online_cpus() > 1 ? 1 : 0;
	auto workload = create_workload("pcp_bounce", options({{"bytes", 64 * KiB}, {"rounds", std::int64_t{2}},
							       {"alloc_cpu", std::int64_t{0}}, {"free_cpu", free_cpu}}));
	std::map<std::string, double> metrics = run_workload(*workload);
	EXPECT_EQ(metrics["pages"], 2 * 64 * KiB / getpagesize());
	EXPECT_EQ(metrics["rounds"], 2);
	EXPECT_EQ(metrics["bytes"], 64 * KiB);
}

TEST(PcpBounce, ACpuBeyondTheMachineIsAnEnvironmentErrorNamingIt)
{
	try {
		create_workload("pcp_bounce", options({{"free_cpu", std::int64_t{1023}}}));
		FAIL() << "free_cpu = 1023 was accepted";
	} catch (const Error &e) {
		EXPECT_EQ(e.code(), ExitCode::environment);
		EXPECT_NE(std::string(e.what()).find("CPU 1023"), std::string::npos) << e.what();
	}
}

TEST(PcpBounce, CpusMustIncludeAllocAndFreeCpu)
{
	EXPECT_EQ(creation_error("pcp_bounce", options({{"alloc_cpu", std::int64_t{0}}, {"free_cpu", std::int64_t{0}}}), {1}),
		  ExitCode::invalid_input);
}

TEST(Fragment, SparseTouchTouchesOnePagePerStride)
{
	auto workload = create_workload("fragment", options({{"bytes", 8 * MiB}, {"stride", 2 * MiB}}));
	std::map<std::string, double> metrics = run_workload(*workload);
	EXPECT_EQ(metrics["pages_touched"], 4);
	EXPECT_EQ(metrics["pages_freed"], 0);
	EXPECT_EQ(metrics["thp_requested"], 0);
}

TEST(Fragment, HolePunchFreesEveryOtherPageThenAsksForHugePages)
{
	auto workload = create_workload("fragment", options({{"mode", std::string("hole_punch")}, {"bytes", 64 * KiB},
							     {"thp_bytes", 4 * MiB}}));
	std::map<std::string, double> metrics = run_workload(*workload);
	EXPECT_EQ(metrics["pages_touched"], 64 * KiB / getpagesize());
	EXPECT_EQ(metrics["pages_freed"], 64 * KiB / getpagesize() / 2);
	EXPECT_EQ(metrics["thp_requested"], 2);
	EXPECT_LE(metrics["thp_obtained"], 2);
}

TEST(Fragment, RejectsASpanSmallerThanItsStride)
{
	EXPECT_EQ(creation_error("fragment", options({{"bytes", 1 * MiB}, {"stride", 2 * MiB}})), ExitCode::invalid_input);
	EXPECT_EQ(creation_error("fragment", options({{"thp_bytes", 3 * MiB}})), ExitCode::invalid_input);
}

TEST(PageCache, ReadsTheWholeDroppedFile)
{
	std::string scratch_dir = testing::TempDir() + "kmh-page-cache-test-XXXXXX";
	ASSERT_NE(mkdtemp(scratch_dir.data()), nullptr);
	std::unique_ptr<Workload> workload =
		create_workload("page_cache", options({{"bytes", 256 * KiB}, {"read_block", 64 * KiB}}), {}, scratch_dir);
	std::map<std::string, double> metrics;
	try {
		metrics = run_workload(*workload);
	} catch (const Error &e) {
		std::filesystem::remove_all(scratch_dir);
		if (e.code() == ExitCode::environment)
			GTEST_SKIP() << e.what();
		throw;
	}
	EXPECT_EQ(metrics["bytes_read"], 256 * KiB);
	EXPECT_EQ(metrics["pages_read"], 256 * KiB / getpagesize());
	EXPECT_LE(metrics["resident_before"], 256 * KiB / getpagesize() / 100);
	EXPECT_EQ(metrics["resident_after"], 256 * KiB / getpagesize());  // read back, so cached
	EXPECT_TRUE(std::filesystem::is_empty(scratch_dir)) << "cleanup() left its file in " << scratch_dir;
	std::filesystem::remove_all(scratch_dir);
}

TEST(PageCache, AMissingDirectoryIsAnEnvironmentError)
{
	EXPECT_EQ(creation_error("page_cache", options({{"dir", std::string("/no/such/dir")}})), ExitCode::environment);
}

TEST(StressNg, RejectsUnknownStressorsAndReservedArguments)
{
	if (auto reason = find_workload("stress-ng")->unsupported_reason())
		GTEST_SKIP() << *reason;
	using Args = std::map<std::string, std::string>;
	EXPECT_EQ(creation_error("stress-ng", options({{"stressor", std::string("no-such-stressor")}})), ExitCode::invalid_input);
	EXPECT_EQ(creation_error("stress-ng", options({{"args", Args{{"timeout", "9"}}}})), ExitCode::invalid_input);
	EXPECT_EQ(creation_error("stress-ng", options({{"args", Args{{"--vm-bytes", "1M"}}}})), ExitCode::invalid_input);
	EXPECT_EQ(creation_error("stress-ng", options({{"timeout", std::int64_t{1500} * 1000 * 1000}})), ExitCode::invalid_input);
	EXPECT_EQ(creation_error("stress-ng", options({{"args", Args{{"vm-bytes", "1M"}}}})), ExitCode::passed);
}

}  // namespace
}  // namespace kmh
