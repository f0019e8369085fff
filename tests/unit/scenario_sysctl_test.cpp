// Tests of the small tables ([sysctl], [compare], [cgroup]) and the expect_oom_kill workload key.
#include <gtest/gtest.h>

#include <algorithm>

#include "collect/collector_registry.h"
#include "common/error.h"
#include "input_error_message.h"
#include "scenario/scenario_parser.h"

namespace kmh {
namespace {

const WorkloadSchema plain_kind = [] {
	WorkloadSchema d;
	d.kind = "plain";
	return d;
}();

// `text`, then one [[workload]] of kind "plain" with `workload_keys`.
Scenario parse(const std::string &text, const std::string &workload_keys = "")
{
	auto lookup = [](const std::string &kind) { return kind == "plain" ? &plain_kind : nullptr; };
	return parse_scenario_text(text + "\n[[workload]]\nkind = \"plain\"\n" + workload_keys, "s.toml", lookup,
				   {"plain"}, collector_names(collector_registry()));
}

std::string error_of(const std::string &text, const std::string &workload_keys = "")
{
	return input_error_message([&] { parse(text, workload_keys); }, text);
}

TEST(ScenarioSysctl, QuotedAndNestedNamesBecomeDottedSettings)
{
	Scenario scenario = parse("[sysctl]\n\"vm.percpu_pagelist_high_fraction\" = 8192\n"
				  "vm.compaction_proactiveness = \"0\"\n");
	// TOML tables keep no order: settings come in name order.
	ASSERT_EQ(scenario.sysctls.size(), 2u);
	EXPECT_EQ(scenario.sysctls[0].name, "vm.compaction_proactiveness");
	EXPECT_EQ(scenario.sysctls[0].value, "0");
	EXPECT_EQ(scenario.sysctls[1].name, "vm.percpu_pagelist_high_fraction");
	EXPECT_EQ(scenario.sysctls[1].value, "8192");
	EXPECT_EQ(scenario.sysctls[1].where.line, 2);
}

TEST(ScenarioSysctl, NoTableMeansNoSysctls)
{
	EXPECT_TRUE(parse("").sysctls.empty());
}

TEST(ScenarioSysctl, NameWithoutADotIsRejectedWithItsLine)
{
	std::string message = error_of("[sysctl]\nswappiness = 10\n");
	EXPECT_NE(message.find("s.toml:2:"), std::string::npos) << message;
	EXPECT_NE(message.find("'swappiness'"), std::string::npos) << message;
}

TEST(ScenarioSysctl, ArrayValueIsRejected)
{
	std::string message = error_of("[sysctl]\n\"vm.swappiness\" = [1, 2]\n");
	EXPECT_NE(message.find("integer or a string"), std::string::npos) << message;
}

TEST(ScenarioCompareTable, GateMustBeStrings)
{
	EXPECT_NO_THROW(parse("[compare]\ngate = [\"pcp.drain.events rises by more than 5%\"]\n"));
	EXPECT_NE(error_of("[compare]\ngates = []\n").find("'gates'"), std::string::npos);
	EXPECT_NO_THROW(parse("[compare]\nmin_effect = \"2%\"\n"));
}

TEST(ScenarioCgroup, NoTableMeansNoLimit)
{
	Scenario scenario = parse("");
	EXPECT_FALSE(scenario.cgroup.memory_max);
	EXPECT_FALSE(scenario.cgroup.swap_max);
}

TEST(ScenarioCgroup, SizesTakeUnitsAndBareBytes)
{
	Scenario scenario = parse("[cgroup]\nmemory_max = \"256MiB\"\nswap_max = 0\n");
	EXPECT_EQ(scenario.cgroup.memory_max, 256LL << 20);
	EXPECT_EQ(scenario.cgroup.swap_max, 0);
	EXPECT_EQ(scenario.cgroup.where.line, 1);
	EXPECT_EQ(parse("[cgroup]\nmemory_max = 16777216\n").cgroup.memory_max, 16LL << 20);
}

TEST(ScenarioCgroup, TooSmallALimitNamesTheLineAndTheRange)
{
	std::string message = error_of("[cgroup]\nmemory_max = \"1MiB\"\n");
	EXPECT_TRUE(contains(message, "s.toml:2:")) << message;
	EXPECT_TRUE(contains(message, "[cgroup] key 'memory_max'")) << message;
	EXPECT_TRUE(contains(message, "accepted: 8MiB..16TiB")) << message;
}

TEST(ScenarioCgroup, BadUnitIsLocated)
{
	std::string message = error_of("[cgroup]\n\nmemory_max = \"256MB of RAM\"\n");
	EXPECT_TRUE(contains(message, "s.toml:3:")) << message;
	EXPECT_TRUE(contains(message, "memory_max")) << message;
}

TEST(ScenarioCgroup, SwapNeedsAMemoryLimit)
{
	std::string message = error_of("[cgroup]\nswap_max = \"1GiB\"\n");
	EXPECT_TRUE(contains(message, "s.toml:2:")) << message;
	EXPECT_TRUE(contains(message, "needs memory_max")) << message;
}

TEST(ScenarioCgroup, UnknownKeyListsTheAcceptedOnes)
{
	std::string message = error_of("[cgroup]\nmemory_mx = \"256MiB\"\n");
	EXPECT_TRUE(contains(message, "s.toml:2:")) << message;
	EXPECT_TRUE(contains(message, "'memory_max', 'swap_max'")) << message;
	EXPECT_TRUE(contains(message, "did you mean 'memory_max'")) << message;
}

TEST(ScenarioCgroup, MemcgIsAFeature)
{
	EXPECT_EQ(parse("[requires]\nfeatures = [\"memcg\"]\n").requires_.features,
		  std::vector<std::string>{"memcg"});
}

TEST(ScenarioCgroup, PressureCollectorsAreAcceptedButNotDefault)
{
	Scenario chosen = parse("[collect]\ncollectors = [\"vmscan\", \"compaction\", \"oom\"]\n");
	EXPECT_EQ(chosen.collect.collectors, (std::vector<std::string>{"vmscan", "compaction", "oom"}));
	std::vector<std::string> defaults = parse("").collect.collectors;
	EXPECT_EQ(std::count(defaults.begin(), defaults.end(), "oom"), 0);
}

TEST(WorkloadExpectOomKill, DefaultsToFalse)
{
	EXPECT_FALSE(parse("").workloads[0].expect_oom_kill);
	EXPECT_TRUE(parse("", "expect_oom_kill = true\n").workloads[0].expect_oom_kill);
}

TEST(WorkloadExpectOomKill, MustBeABoolean)
{
	std::string message = error_of("", "expect_oom_kill = \"yes\"\n");
	EXPECT_TRUE(contains(message, "expect_oom_kill")) << message;
	EXPECT_TRUE(contains(message, "a boolean")) << message;
}

}  // namespace
}  // namespace kmh
