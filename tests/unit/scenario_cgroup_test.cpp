// Tests of the [cgroup] table, the expect_oom_kill workload key and reading OOM kill counts.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/error.h"
#include "run/memory_cgroup.h"
#include "scenario/scenario_parser.h"

namespace kmh {
namespace {

const WorkloadDescriptor plain_kind = [] {
	WorkloadDescriptor d;
	d.kind = "plain";
	return d;
}();

Scenario parse(const std::string &text, const std::string &workload_keys = "")
{
	auto lookup = [](const std::string &kind) { return kind == "plain" ? &plain_kind : nullptr; };
	return parse_scenario_text(text + "\n[[workload]]\nkind = \"plain\"\n" + workload_keys, "s.toml", lookup,
				   {"plain"});
}

std::string error_of(const std::string &text, const std::string &workload_keys = "")
{
	try {
		parse(text, workload_keys);
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		return error.what();
	}
	ADD_FAILURE() << "no error for:\n" << text;
	return "";
}

bool contains(const std::string &text, const std::string &part)
{
	return text.find(part) != std::string::npos;
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

TEST(OomKillCount, ReadsTheLineOfBothFileLayouts)
{
	EXPECT_EQ(parse_oom_kill_count("low 0\nhigh 0\nmax 12\noom 2\noom_kill 2\noom_group_kill 0\n"), 2u);
	EXPECT_EQ(parse_oom_kill_count("oom_kill_disable 0\nunder_oom 0\noom_kill 7\n"), 7u);
	EXPECT_EQ(parse_oom_kill_count("oom_kill_disable 0\nunder_oom 0\n"), 0u);
}

}  // namespace
}  // namespace kmh
