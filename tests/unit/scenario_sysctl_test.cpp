// Tests of the [sysctl] table: quoted and nested names, value types, and errors.
#include <gtest/gtest.h>

#include "common/error.h"
#include "scenario/scenario_parser.h"

namespace kmh {
namespace {

const WorkloadDescriptor plain_kind = [] {
	WorkloadDescriptor d;
	d.kind = "plain";
	return d;
}();

Scenario parse(const std::string &text)
{
	auto lookup = [](const std::string &kind) { return kind == "plain" ? &plain_kind : nullptr; };
	return parse_scenario_text(text + "\n[[workload]]\nkind = \"plain\"\n", "s.toml", lookup, {"plain"});
}

std::string error_of(const std::string &text)
{
	try {
		parse(text);
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		return error.what();
	}
	return "";
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
	EXPECT_EQ(error_of("[compare]\ngate = [\"pcp.drain.events rises by more than 5%\"]\n"), "");
	EXPECT_NE(error_of("[compare]\ngates = []\n").find("'gates'"), std::string::npos);
}

}  // namespace
}  // namespace kmh
