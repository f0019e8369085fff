// [[collect.usdt]]: probes and presets read, every bad key or value an error naming file:line, key and what is accepted.
#include <gtest/gtest.h>

#include "collect/collector_registry.h"
#include "common/error.h"
#include "input_error_message.h"
#include "scenario/scenario_parser.h"
#include "scenario/usdt_presets.h"

namespace kmh {
namespace {

const WorkloadSchema plain{.kind = "plain", .summary = "", .options = {}, .metrics = {}, .check = {}};
const std::string with_usdt = "[[workload]]\nkind = \"plain\"\n[collect]\ncollectors = [\"usdt\"]\n";

Scenario parse(const std::string &text)
{
	auto lookup = [](const std::string &kind) { return kind == "plain" ? &plain : nullptr; };
	return parse_scenario_text(text, "u.toml", lookup, {"plain"}, collector_names(collector_registry()));
}

std::string error_of(const std::string &text)
{
	return input_error_message([&] { parse(text); }, text);
}

TEST(UsdtReader, ReadsAProbeWithItsAggregate)
{
	Scenario scenario = parse(with_usdt + "[[collect.usdt]]\nprobe = \"libc:memory_sbrk_more\"\nbinary = \"libc\"\n"
					      "aggregate = { arg = 2, as = \"log2\" }\n");
	ASSERT_EQ(scenario.collect.usdt.size(), 1u);
	const UsdtProbeSpec &probe = scenario.collect.usdt[0];
	EXPECT_EQ(probe.provider, "libc");
	EXPECT_EQ(probe.name, "memory_sbrk_more");
	EXPECT_EQ(probe.binary, "libc");
	EXPECT_EQ(probe.aggregation, UsdtAggregation::log2);
	EXPECT_EQ(probe.arg, 2);
	EXPECT_EQ(probe.where.line, 5);
}

TEST(UsdtReader, APresetExpandsAndANamedProbeWinsOverIt)
{
	Scenario scenario = parse(with_usdt + "[[collect.usdt]]\nprobe = \"libc:memory_heap_new\"\nbinary = \"libc\"\n"
					      "aggregate = { arg = 2, as = \"sum\" }\n[[collect.usdt]]\npreset = \"libc\"\n");
	EXPECT_EQ(scenario.collect.usdt.size(), find_usdt_preset("libc")->probes.size());
	EXPECT_EQ(scenario.collect.usdt[0].aggregation, UsdtAggregation::sum);
	for (std::size_t i = 1; i < scenario.collect.usdt.size(); i++) {
		EXPECT_EQ(scenario.collect.usdt[i].preset, "libc");
		EXPECT_NE(scenario.collect.usdt[i].name, "memory_heap_new");
	}
}

TEST(UsdtReader, EveryMistakeIsNamed)
{
	EXPECT_TRUE(contains(error_of(with_usdt), "names \"usdt\" but no [[collect.usdt]] table names a probe"));
	EXPECT_TRUE(contains(error_of("[[workload]]\nkind = \"plain\"\n[[collect.usdt]]\npreset = \"libc\"\n"),
			     "u.toml:3:1: [[collect.usdt]] names probes but [collect] collectors does not name \"usdt\""));
	EXPECT_TRUE(contains(error_of(with_usdt + "[[collect.usdt]]\nprobe = \"memory_sbrk_more\"\nbinary = \"libc\"\n"),
			     "u.toml:6:9: [[collect.usdt]] #1 key 'probe'"));
	EXPECT_TRUE(contains(error_of(with_usdt + "[[collect.usdt]]\nprobe = \"libc:x\"\n"), "needs key 'binary'"));
	EXPECT_TRUE(contains(error_of(with_usdt + "[[collect.usdt]]\npreset = \"glibc\"\n"),
			     "'glibc' is not accepted; accepted: 'libc'"));
	EXPECT_TRUE(contains(error_of(with_usdt + "[[collect.usdt]]\nbinary = \"libc\"\n"),
			     "needs exactly one of 'probe'"));
	EXPECT_TRUE(contains(error_of(with_usdt + "[[collect.usdt]]\nprobe = \"libc:x\"\nbinary = \"libc\"\n"
						  "aggregate = { arg = 13, as = \"sum\" }\n"),
			     "accepted: 1..12"));
	EXPECT_TRUE(contains(error_of(with_usdt + "[[collect.usdt]]\nprobe = \"libc:x\"\nbinary = \"libc\"\n"
						  "aggregate = { arg = 1, as = \"max\" }\n"),
			     "accepted: 'sum', 'log2'"));
	EXPECT_TRUE(contains(error_of(with_usdt + "[[collect.usdt]]\npreset = \"libc\"\naggregate = { arg = 1, as = \"sum\" }\n"),
			     "is accepted with 'probe' only"));
	EXPECT_TRUE(contains(error_of(with_usdt + "[[collect.usdt]]\nprobe = \"libc:x\"\nbinary = \"libc\"\n"
						  "[[collect.usdt]]\nprobe = \"libc:x\"\nbinary = \"libc\"\n"),
			     "is named twice"));
	EXPECT_TRUE(contains(error_of(with_usdt + "[[collect.usdt]]\nprobe = \"libc:x\"\nbinary = \"libc\"\nargs = 2\n"),
			     "key 'args'"));
}

}  // namespace
}  // namespace kmh
