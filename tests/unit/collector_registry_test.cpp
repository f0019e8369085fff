// Tests of the collector registry, entry by entry: the CMake skeleton lists, the metric catalog, the docs and the parser agree with it.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "collect/collector_registry.h"
#include "collect/proc/proc_snapshot.h"
#include "common/error.h"
#include "metrics/catalog.h"
#include "scenario/scenario_parser.h"

namespace kmh {
namespace {

std::vector<std::string> split_commas(const std::string &text)
{
	std::vector<std::string> items;
	std::istringstream stream(text);
	std::string item;
	while (std::getline(stream, item, ','))
		items.push_back(item);
	return items;
}

// What CMakeLists.txt builds a skeleton for (one per bpf/<name>.bpf.c), and the kmem ones built
// again without the preempt-count read.
const std::vector<std::string> cmake_collectors = split_commas(KMH_CMAKE_COLLECTORS);
const std::vector<std::string> cmake_context_collectors = split_commas(KMH_CMAKE_CONTEXT_COLLECTORS);

std::vector<std::string> registered_names()
{
	return collector_names(collector_registry()).accepted;
}

bool contains(const std::vector<std::string> &names, const std::string &name)
{
	return std::find(names.begin(), names.end(), name) != names.end();
}

bool starts_with(const std::string &text, const std::string &prefix)
{
	return text.rfind(prefix, 0) == 0;
}

std::string read_doc(const std::string &name)
{
	std::ifstream file(std::string(KMH_SOURCE_DIR) + "/docs/" + name);
	std::ostringstream text;
	text << file.rdbuf();
	return text.str();
}

// The snapshots a scenario takes when [collect] names none: every one there is.
std::vector<std::string> all_snapshots()
{
	static const WorkloadSchema plain{.kind = "plain", .summary = "", .options = {}, .metrics = {}, .check = {}};
	auto lookup = [](const std::string &kind) { return kind == "plain" ? &plain : nullptr; };
	return parse_scenario_text("[[workload]]\nkind = \"plain\"\n", "s.toml", lookup, {"plain"},
				   collector_names(collector_registry()))
		.collect.snapshots;
}

class Collector : public testing::TestWithParam<std::string> {
protected:
	const CollectorDescriptor &descriptor() const { return *find_collector(GetParam()); }
};

TEST_P(Collector, IsFoundUnderItsNameAlone)
{
	std::vector<std::string> names = registered_names();
	EXPECT_EQ(std::count(names.begin(), names.end(), GetParam()), 1);
	ASSERT_NE(find_collector(GetParam()), nullptr);
	EXPECT_EQ(descriptor().name, GetParam());
	EXPECT_TRUE(std::regex_match(GetParam(), std::regex("[a-z][a-z_]*"))) << GetParam();
}

TEST_P(Collector, HasItsBpfObjectBuilt)
{
	if (!descriptor().bpf_object) {
		EXPECT_FALSE(contains(cmake_collectors, GetParam())) << "bpf/" << GetParam() << ".bpf.c is built, but "
								      << GetParam() << " is registered without a BPF object";
		return;
	}
	EXPECT_TRUE(contains(cmake_collectors, GetParam()))
		<< "CMakeLists.txt builds no skeleton for " << GetParam() << ": bpf/" << GetParam()
		<< ".bpf.c is missing";
}

TEST_P(Collector, IsBuiltWithoutThePreemptCountExactlyWhenItLabelsContexts)
{
	EXPECT_EQ(contains(cmake_context_collectors, GetParam()), descriptor().kmem || descriptor().context_label)
		<< "KMH_CONTEXT_COLLECTORS in CMakeLists.txt and the registry's kmem and context_label flags disagree on "
		<< GetParam();
}

// The collector a family belongs to by name: the one with the longest prefix the name starts with.
std::string owner_by_prefix(const std::string &family)
{
	std::string owner;
	std::size_t longest = 0;
	for (const CollectorDescriptor &descriptor : collector_registry())
		for (const std::string &prefix : descriptor.metric_prefixes)
			if (starts_with(family, prefix) && prefix.size() > longest) {
				longest = prefix.size();
				owner = descriptor.name;
			}
	return owner;
}

TEST_P(Collector, ProvidesCatalogFamiliesUnderItsPrefixesOnly)
{
	for (const std::string &prefix : descriptor().metric_prefixes)
		ASSERT_TRUE(prefix.size() > 1 && prefix.back() == '.') << "metric prefix '" << prefix << "'";
	int families = 0;
	for (const MetricFamily &family : metric_catalog()) {
		if (family.source == GetParam()) {
			families++;
			EXPECT_EQ(owner_by_prefix(family.name), GetParam())
				<< family.name << " is not under the longest of " << GetParam() << "'s prefixes";
		} else {
			EXPECT_NE(owner_by_prefix(family.name), GetParam())
				<< family.name << " is under " << GetParam() << "'s prefix but its source is " << family.source;
		}
	}
	EXPECT_GT(families, 0) << "the metric catalog has no family of " << GetParam();
}

TEST_P(Collector, IsNamedInTheScenarioFormatDoc)
{
	std::string doc = read_doc("scenario-format.md");
	EXPECT_NE(doc.find("\"" + GetParam() + "\""), std::string::npos)
		<< "docs/scenario-format.md ([collect] collectors) does not list \"" << GetParam() << "\"";
}

TEST_P(Collector, IsAcceptedByTheParserAndOnByDefaultAsRegistered)
{
	CollectorNames names = collector_names(collector_registry());
	EXPECT_TRUE(contains(names.accepted, GetParam()));
	EXPECT_EQ(contains(names.defaults, GetParam()), descriptor().on_by_default);
}

TEST_P(Collector, IsCreatedUnderItsName)
{
	try {
		std::unique_ptr<BpfCollector> collector = make_bpf_collector(GetParam(), read_kernel_facts());
		ASSERT_NE(collector, nullptr);
		EXPECT_EQ(collector->name(), GetParam());
	} catch (const Error &error) {
		ASSERT_EQ(error.code(), ExitCode::environment) << error.what();
		GTEST_SKIP() << "this kernel cannot host " << GetParam() << ": " << error.what();
	}
}

INSTANTIATE_TEST_SUITE_P(Registry, Collector, testing::ValuesIn(registered_names()),
			 [](const testing::TestParamInfo<std::string> &info) { return info.param; });

TEST(CollectorRegistry, EveryBuiltBpfObjectIsRegistered)
{
	EXPECT_FALSE(cmake_collectors.empty());
	for (const std::string &name : cmake_collectors)
		EXPECT_NE(find_collector(name), nullptr)
			<< "bpf/" << name << ".bpf.c is built but no collector is registered under " << name;
	for (const std::string &name : cmake_context_collectors)
		EXPECT_NE(find_collector(name), nullptr) << "KMH_CONTEXT_COLLECTORS names unregistered " << name;
}

// The snapshot kinds the runner can read.
std::vector<std::string> snapshot_kinds()
{
	std::vector<std::string> names;
	for (const ProcSnapshotKind &kind : proc_snapshot_kinds())
		names.push_back(kind.name);
	return names;
}

TEST(CollectorRegistry, EveryCatalogSourceIsACollectorOrASnapshot)
{
	std::vector<std::string> snapshots = snapshot_kinds();
	for (const MetricFamily &family : metric_catalog())
		EXPECT_TRUE(find_collector(family.source) != nullptr || contains(snapshots, family.source) ||
			    family.source == sysctl_source)
			<< family.name << " comes from '" << family.source << "', neither a collector nor a snapshot";
}

TEST(CollectorRegistry, TheParserAcceptsEverySnapshotKindAndDefaultsToTheProcOnes)
{
	std::vector<std::string> defaults = all_snapshots();
	for (const std::string &name : snapshot_kinds()) {
		std::string text = "[[workload]]\nkind = \"plain\"\n[collect]\nsnapshots = [\"" + name + "\"]\n";
		static const WorkloadSchema plain{.kind = "plain", .summary = "", .options = {}, .metrics = {}, .check = {}};
		auto lookup = [](const std::string &kind) { return kind == "plain" ? &plain : nullptr; };
		EXPECT_EQ(parse_scenario_text(text, "s.toml", lookup, {"plain"}, collector_names(collector_registry()))
				  .collect.snapshots,
			  std::vector<std::string>{name});
		EXPECT_EQ(contains(defaults, name), !needs_debugfs({name})) << name;
	}
}

TEST(CollectorRegistry, KmemCollectorsAreTheAllocatorOnesInOrder)
{
	EXPECT_EQ(kmem_collector_names(), (std::vector<std::string>{"page_alloc", "pcp", "extfrag", "slab"}));
	EXPECT_EQ(collector_names(collector_registry()).defaults, kmem_collector_names());
}

TEST(CollectorRegistry, UnknownNameIsRefusedWithTheAcceptedOnes)
{
	try {
		make_bpf_collector("slub", KernelFacts{});
		FAIL() << "no error for an unknown collector";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		EXPECT_TRUE(starts_with(error.what(), "unknown collector 'slub'; accepted: 'page_alloc', 'pcp',"))
			<< error.what();
	}
}

}  // namespace
}  // namespace kmh
