// Tests of the scenario parser (harness/scenario/scenario_parser.h) with fake workload schemas.
#include <gtest/gtest.h>

#include "collect/collector_registry.h"
#include "common/error.h"
#include "input_error_message.h"
#include "scenario/scenario_parser.h"
#include "scenario/string_checks.h"

namespace kmh {
namespace {

constexpr std::int64_t KiB = 1024;
constexpr std::int64_t MiB = KiB * KiB;
constexpr std::int64_t GiB = MiB * KiB;
constexpr std::int64_t ms = 1000 * 1000;
constexpr std::int64_t s = 1000 * ms;

OptionSpec option(std::string name, OptionType type, std::optional<OptionValue> default_value)
{
	OptionSpec spec;
	spec.name = std::move(name);
	spec.type = type;
	spec.default_value = std::move(default_value);
	return spec;
}

WorkloadSchema bounce_schema()
{
	WorkloadSchema schema;
	schema.kind = "bounce";
	OptionSpec bytes = option("bytes", OptionType::size, std::int64_t{ MiB });
	bytes.min = 4 * KiB;
	bytes.max = GiB;
	OptionSpec threads = option("threads", OptionType::integer, std::int64_t{ 1 });
	threads.min = 1;
	threads.max = 64;
	OptionSpec hold = option("hold", OptionType::duration, std::int64_t{ s });
	hold.min = ms;
	hold.max = 60 * s;
	OptionSpec mode = option("mode", OptionType::choice, std::string("fault"));
	mode.choices = { "fault", "madvise" };
	schema.options = { bytes, threads, hold, mode,
			       option("huge", OptionType::boolean, false),
			       option("label", OptionType::string, std::string()),
			       option("env", OptionType::string_map, std::map<std::string, std::string>{}) };
	return schema;
}

WorkloadSchema stress_schema()
{
	WorkloadSchema schema;
	schema.kind = "stress-ng";
	OptionSpec stressor = option("stressor", OptionType::string, std::nullopt);
	stressor.help = "the stress-ng stressor to run";
	schema.options = { stressor };
	return schema;
}

const std::vector<WorkloadSchema> &fake_registry()
{
	static const std::vector<WorkloadSchema> registry = { bounce_schema(), stress_schema() };
	return registry;
}

const WorkloadSchema *find_fake(const std::string &kind)
{
	for (const WorkloadSchema &schema : fake_registry())
		if (schema.kind == kind)
			return &schema;
	return nullptr;
}

const std::vector<std::string> fake_kinds = [] {
	std::vector<std::string> kinds;
	for (const WorkloadSchema &schema : fake_registry())
		kinds.push_back(schema.kind);
	return kinds;
}();
const CollectorNames collectors = collector_names(collector_registry());

Scenario parse(const std::string &text)
{
	return parse_scenario_text(text, "dir/test.toml", find_fake, fake_kinds, collectors);
}

// The message of the invalid_input error parsing `text` throws.
std::string error_of(const std::string &text)
{
	return input_error_message([&] { parse(text); }, text);
}

bool starts_with(const std::string &text, const std::string &prefix)
{
	return text.rfind(prefix, 0) == 0;
}

const std::string one_bounce = "[[workload]]\nkind = \"bounce\"\n";

TEST(ScenarioParser, MinimalScenarioTakesEveryDefault)
{
	Scenario scenario = parse(one_bounce);
	EXPECT_EQ(scenario.file, "dir/test.toml");
	EXPECT_EQ(scenario.text, one_bounce);
	EXPECT_EQ(scenario.name, "test");
	EXPECT_EQ(scenario.description, "");
	EXPECT_EQ(scenario.timeout_ns, 60 * s);

	EXPECT_EQ(scenario.requires_.cpus, 1);
	EXPECT_TRUE(scenario.requires_.root);
	EXPECT_TRUE(scenario.requires_.features.empty());
	EXPECT_TRUE(scenario.requires_.tracepoints.empty());
	EXPECT_TRUE(scenario.requires_.tracepoint_fields.empty());
	EXPECT_TRUE(scenario.requires_.commands.empty());

	ASSERT_EQ(scenario.workloads.size(), 1u);
	const WorkloadSpec &workload = scenario.workloads[0];
	EXPECT_EQ(workload.kind, "bounce");
	EXPECT_EQ(workload.name, "bounce");
	EXPECT_EQ(workload.phase, 1);
	EXPECT_TRUE(workload.cpus.empty());
	EXPECT_EQ(workload.where.to_string(), "dir/test.toml:1:1");
	EXPECT_EQ(workload.options.all().size(), 7u);
	EXPECT_EQ(workload.options.integer("bytes"), MiB);
	EXPECT_EQ(workload.options.integer("threads"), 1);
	EXPECT_EQ(workload.options.integer("hold"), s);
	EXPECT_EQ(workload.options.string("mode"), "fault");
	EXPECT_FALSE(workload.options.boolean("huge"));
	EXPECT_EQ(workload.options.string("label"), "");
	EXPECT_TRUE(workload.options.string_map("env").empty());

	std::vector<std::string> all_collectors = { "page_alloc", "pcp", "extfrag", "slab" };
	std::vector<std::string> all_snapshots = { "pagetypeinfo", "buddyinfo", "meminfo", "vmstat", "slabinfo", "zoneinfo" };
	EXPECT_EQ(scenario.collect.collectors, all_collectors);
	EXPECT_EQ(scenario.collect.snapshots, all_snapshots);
	EXPECT_EQ(scenario.collect.attach, AttachMode::automatic);
	EXPECT_TRUE(scenario.assertions.empty());
}

TEST(ScenarioParser, DefaultNameIsTheFileStemMadeValid)
{
	Scenario scenario = parse_scenario_text(one_bounce, "/x/PCP drain.v2.toml", find_fake, fake_kinds, collectors);
	EXPECT_EQ(scenario.name, "pcp_drain_v2");
}

TEST(ScenarioParser, ReadsEveryKey)
{
	Scenario scenario = parse(R"(
[scenario]
name = "pcp-bounce"
description = "bounce pages between CPUs"
timeout = "90s"

[requires]
cpus = 2
root = false
features = ["btf", "tp_btf", "cgroup2", "thp"]
tracepoints = ["kmem/mm_page_pcpu_drain"]
tracepoint_fields = ["kmem/mm_page_alloc_zone_locked:percpu_refill"]
kernel_symbols = ["node_data", "vmemmap_base"]
commands = ["stress-ng"]

[[workload]]
kind = "bounce"
name = "bouncer"
phase = 3
cpus = [0, 1]
bytes = "1.5MiB"
threads = 8
hold = "250ms"
mode = "madvise"
huge = true
label = "first"
env = { GREETING = "hi", COUNT = 4, RATIO = 0.5, ON = true }

[collect]
collectors = ["pcp", "slab"]
snapshots = ["vmstat"]
attach = "raw_tp"

[[assert]]
expr = "pcp.drain.events > 0"
name = "drains"
message = "pages freed on CPU 1 must drain"

[[assert]]
expr = "page.alloc.events >= 1"
)");
	EXPECT_EQ(scenario.name, "pcp-bounce");
	EXPECT_EQ(scenario.description, "bounce pages between CPUs");
	EXPECT_EQ(scenario.timeout_ns, 90 * s);
	EXPECT_EQ(scenario.requires_.cpus, 2);
	EXPECT_FALSE(scenario.requires_.root);
	EXPECT_EQ(scenario.requires_.features.size(), 4u);
	EXPECT_EQ(scenario.requires_.tracepoints, std::vector<std::string>{ "kmem/mm_page_pcpu_drain" });
	EXPECT_EQ(scenario.requires_.tracepoint_fields,
		  std::vector<std::string>{ "kmem/mm_page_alloc_zone_locked:percpu_refill" });
	EXPECT_EQ(scenario.requires_.kernel_symbols, (std::vector<std::string>{ "node_data", "vmemmap_base" }));
	EXPECT_EQ(scenario.requires_.commands, std::vector<std::string>{ "stress-ng" });
	EXPECT_EQ(scenario.requires_.where.line, 7);

	const WorkloadSpec &workload = scenario.workloads.at(0);
	EXPECT_EQ(workload.name, "bouncer");
	EXPECT_EQ(workload.phase, 3);
	EXPECT_EQ(workload.cpus, (std::vector<int>{ 0, 1 }));
	EXPECT_EQ(workload.where.line, 16);
	EXPECT_EQ(workload.options.integer("bytes"), 3 * MiB / 2);
	EXPECT_EQ(workload.options.integer("threads"), 8);
	EXPECT_EQ(workload.options.integer("hold"), 250 * ms);
	EXPECT_EQ(workload.options.string("mode"), "madvise");
	EXPECT_TRUE(workload.options.boolean("huge"));
	EXPECT_EQ(workload.options.string("label"), "first");
	std::map<std::string, std::string> env = { { "GREETING", "hi" }, { "COUNT", "4" }, { "RATIO", "0.5" },
						   { "ON", "true" } };
	EXPECT_EQ(workload.options.string_map("env"), env);

	EXPECT_EQ(scenario.collect.collectors, (std::vector<std::string>{ "pcp", "slab" }));
	EXPECT_EQ(scenario.collect.snapshots, std::vector<std::string>{ "vmstat" });
	EXPECT_EQ(scenario.collect.attach, AttachMode::raw_tp);

	ASSERT_EQ(scenario.assertions.size(), 2u);
	EXPECT_EQ(scenario.assertions[0].name, "drains");
	EXPECT_EQ(scenario.assertions[0].message, "pages freed on CPU 1 must drain");
	EXPECT_EQ(scenario.assertions[0].where.to_string(), "dir/test.toml:35:8");
	EXPECT_EQ(scenario.assertions[1].name, "page.alloc.events >= 1");
	EXPECT_EQ(scenario.assertions[1].message, "");
}

TEST(ScenarioParser, SizesAndDurationsAcceptTomlIntegers)
{
	Scenario scenario = parse("[scenario]\ntimeout = 5\n" + one_bounce + "bytes = 8192\nhold = 2\n");
	EXPECT_EQ(scenario.timeout_ns, 5 * s);
	EXPECT_EQ(scenario.workloads[0].options.integer("bytes"), 8192);
	EXPECT_EQ(scenario.workloads[0].options.integer("hold"), 2 * s);
}

TEST(ScenarioParser, EveryAttachMode)
{
	std::vector<std::pair<std::string, AttachMode>> modes = { { "auto", AttachMode::automatic },
								  { "tp_btf", AttachMode::tp_btf },
								  { "raw_tp", AttachMode::raw_tp },
								  { "tracepoint", AttachMode::tracepoint } };
	for (const auto &[name, mode] : modes)
		EXPECT_EQ(parse(one_bounce + "[collect]\nattach = \"" + name + "\"\n").collect.attach, mode);
}

TEST(ScenarioParser, WorkloadContextIsTaskUnlessAnyIsAsked)
{
	EXPECT_EQ(parse(one_bounce).collect.workload_context, WorkloadContextMode::task);
	EXPECT_EQ(parse(one_bounce + "[collect]\nworkload_context = \"task\"\n").collect.workload_context,
		  WorkloadContextMode::task);
	EXPECT_EQ(parse(one_bounce + "[collect]\nworkload_context = \"any\"\n").collect.workload_context,
		  WorkloadContextMode::any);
	EXPECT_TRUE(contains(error_of(one_bounce + "[collect]\nworkload_context = \"irq\"\n"),
			     "accepted: 'task', 'any'"));
}

TEST(ScenarioParser, UnknownWorkloadKeyNamesKeyLineAndAcceptedKeys)
{
	std::string message = error_of(one_bounce + "[[workload]]\nkind = \"bounce\"\nname = \"second\"\nbyts = 4096\n");
	EXPECT_TRUE(starts_with(message, "dir/test.toml:6:1: [[workload]] #2 'second' key 'byts': unknown key"))
		<< message;
	EXPECT_TRUE(contains(message, "accepted keys: 'kind', 'name', 'phase', 'cpus', 'expect_oom_kill', 'bytes', "
				      "'threads', 'hold', 'mode', 'huge', 'label', 'env'"))
		<< message;
	EXPECT_TRUE(contains(message, "did you mean 'bytes'?")) << message;
}

TEST(ScenarioParser, UnknownKeysInEveryTable)
{
	std::string message = error_of("[scenario]\ntimout = \"5s\"\n" + one_bounce);
	EXPECT_TRUE(starts_with(message, "dir/test.toml:2:1: [scenario] key 'timout': unknown key")) << message;
	EXPECT_TRUE(contains(message, "accepted keys: 'name', 'description', 'timeout'; did you mean 'timeout'?"))
		<< message;
	EXPECT_TRUE(starts_with(error_of(one_bounce + "[requires]\nkernel = \"6.1\"\n"),
				"dir/test.toml:4:1: [requires] key 'kernel': unknown key"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[collect]\ncolectors = []\n"), "did you mean 'collectors'?"));
	EXPECT_TRUE(starts_with(error_of(one_bounce + "[[assert]]\nexpr = \"x > 0\"\nmsg = \"m\"\n"),
				"dir/test.toml:5:1: [[assert]] #1 key 'msg': unknown key"));
}

TEST(ScenarioParser, UnknownTopLevelTable)
{
	std::string message = error_of("[scenaro]\nname = \"x\"\n" + one_bounce);
	EXPECT_TRUE(starts_with(message, "dir/test.toml:1:2: unknown top-level key 'scenaro'")) << message;
	EXPECT_TRUE(contains(message, "[scenario], [requires], [[workload]], [collect], [target], [sysctl], [compare], [[assert]]")) << message;
	EXPECT_TRUE(contains(message, "did you mean 'scenario'?")) << message;
	EXPECT_TRUE(contains(error_of("verbose = true\n" + one_bounce), "unknown top-level key 'verbose'"));
}

TEST(ScenarioParser, TablesOfTheWrongShape)
{
	EXPECT_TRUE(contains(error_of("[workload]\nkind = \"bounce\"\n"),
			     "'workload' must be an array of tables: write each one as [[workload]]"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[[collect]]\nattach = \"auto\"\n"),
			     "'collect' must be a table: write [collect]"));
}

TEST(ScenarioParser, WrongTypes)
{
	std::string message = error_of(one_bounce + "threads = \"4\"\n");
	EXPECT_TRUE(starts_with(message, "dir/test.toml:3:11: [[workload]] #1 'bounce' key 'threads': expected an "
					 "integer, got a string"))
		<< message;
	EXPECT_TRUE(contains(error_of("[requires]\nroot = \"yes\"\n" + one_bounce),
			     "[requires] key 'root': expected a boolean (true or false), got a string"));
	EXPECT_TRUE(contains(error_of(one_bounce + "bytes = 1.5\n"), "key 'bytes': expected a size"));
	EXPECT_TRUE(contains(error_of(one_bounce + "cpus = 1\n"), "key 'cpus': expected an array of integers, got an "
								  "integer"));
	EXPECT_TRUE(contains(error_of("[requires]\nfeatures = [\"btf\", 2]\n" + one_bounce),
			     "[requires] key 'features' item 2: expected a string, got an integer"));
	EXPECT_TRUE(contains(error_of(one_bounce + "env = \"A=1\"\n"), "key 'env': expected a table"));
	EXPECT_TRUE(contains(error_of("[[workload]]\nkind = 3\n"), "key 'kind': expected a string, got an integer"));
}

TEST(ScenarioParser, OutOfRangeValues)
{
	std::string message = error_of(one_bounce + "threads = 65\n");
	EXPECT_TRUE(starts_with(message, "dir/test.toml:3:11: [[workload]] #1 'bounce' key 'threads': 65 is out of "
					 "range; accepted: 1..64"))
		<< message;
	EXPECT_TRUE(contains(error_of(one_bounce + "bytes = \"2GiB\"\n"), "2GiB is out of range; accepted: 4KiB..1GiB"));
	EXPECT_TRUE(contains(error_of(one_bounce + "bytes = 100\n"), "100B is out of range; accepted: 4KiB..1GiB"));
	EXPECT_TRUE(contains(error_of("[scenario]\ntimeout = \"25h\"\n" + one_bounce),
			     "[scenario] key 'timeout': 25h is out of range; accepted: 1s..24h"));
	EXPECT_TRUE(contains(error_of("[scenario]\ntimeout = \"500ms\"\n" + one_bounce), "accepted: 1s..24h"));
	EXPECT_TRUE(contains(error_of(one_bounce + "hold = \"2m\"\n"), "2m is out of range; accepted: 1ms..1m"));
	EXPECT_TRUE(contains(error_of("[requires]\ncpus = 0\n" + one_bounce), "0 is out of range; accepted: 1..4096"));
	EXPECT_TRUE(contains(error_of(one_bounce + "phase = 101\n"), "101 is out of range; accepted: 1..100"));
	EXPECT_TRUE(contains(error_of(one_bounce + "cpus = [0, 4096]\n"),
			     "key 'cpus' item 2: 4096 is out of range; accepted: 0..4095"));
}

TEST(ScenarioParser, BadUnitIsLocated)
{
	std::string message = error_of(one_bounce + "bytes = \"4KB\"\n");
	EXPECT_TRUE(starts_with(message, "dir/test.toml:3:9: [[workload]] #1 'bounce' key 'bytes': size '4KB' has an "
					 "unknown unit 'KB'"))
		<< message;
	EXPECT_TRUE(contains(message, "did you mean 'kB'?")) << message;
}

TEST(ScenarioParser, UnknownKindListsAcceptedKinds)
{
	std::string message = error_of("[[workload]]\nkind = \"bounse\"\n");
	EXPECT_TRUE(starts_with(message, "dir/test.toml:2:8: [[workload]] #1 key 'kind': 'bounse' is not a registered "
					 "workload kind; accepted: 'bounce', 'stress-ng'; did you mean 'bounce'?"))
		<< message;
	EXPECT_TRUE(contains(error_of("[[workload]]\nname = \"x\"\n"), "is missing the required key 'kind'"));
}

TEST(ScenarioParser, DuplicateDefaultNamesAskForExplicitNames)
{
	std::string message = error_of(one_bounce + one_bounce);
	EXPECT_TRUE(starts_with(message, "dir/test.toml:3:1: [[workload]] #2 'bounce' key 'name': 'bounce' is already "
					 "the name of [[workload]] #1 (line 1)"))
		<< message;
	EXPECT_TRUE(contains(message, "two workloads of kind 'bounce' need explicit names")) << message;
}

TEST(ScenarioParser, DuplicateExplicitNames)
{
	std::string message = error_of(one_bounce + "name = \"a\"\n" + one_bounce + "name = \"a\"\n");
	EXPECT_TRUE(starts_with(message, "dir/test.toml:6:8: [[workload]] #2 'a' key 'name': 'a' is already the name"))
		<< message;
	EXPECT_FALSE(contains(message, "need explicit names")) << message;
	Scenario scenario = parse(one_bounce + "name = \"a\"\n" + one_bounce + "name = \"b\"\n");
	EXPECT_EQ(scenario.workloads.size(), 2u);
}

TEST(ScenarioParser, DefaultWorkloadNameIsAValidName)
{
	Scenario scenario = parse("[[workload]]\nkind = \"stress-ng\"\nstressor = \"vm\"\n");
	EXPECT_EQ(scenario.workloads[0].name, "stress_ng");
	EXPECT_EQ(scenario.workloads[0].options.string("stressor"), "vm");
	EXPECT_TRUE(contains(error_of(one_bounce + "name = \"Big-One\"\n"),
			     "key 'name': 'Big-One' is not accepted; accepted: lowercase letters, digits and '_'"));
}

TEST(ScenarioParser, MissingRequiredOption)
{
	std::string message = error_of("[[workload]]\nkind = \"stress-ng\"\n");
	EXPECT_TRUE(starts_with(message, "dir/test.toml:1:1: [[workload]] #1 'stress_ng' is missing the required key "
					 "'stressor' (a string: the stress-ng stressor to run)"))
		<< message;
}

TEST(ScenarioParser, ChoiceSuggestsTheClosest)
{
	std::string message = error_of(one_bounce + "mode = \"madvice\"\n");
	EXPECT_TRUE(contains(message, "key 'mode': 'madvice' is not accepted; accepted: 'fault', 'madvise'; did you "
				      "mean 'madvise'?"))
		<< message;
}

TEST(ScenarioParser, StringMapRejectsNestedValues)
{
	std::string message = error_of(one_bounce + "env = { A = [1, 2] }\n");
	EXPECT_TRUE(contains(message, "key 'env' entry 'A': expected a string, a number or a boolean, got an array"))
		<< message;
}

TEST(ScenarioParser, RequirementShapes)
{
	EXPECT_TRUE(contains(error_of("[requires]\nfeatures = [\"bft\"]\n" + one_bounce),
			     "'bft' is not accepted; accepted: 'btf', 'tp_btf', 'cgroup2', 'thp', 'memcg', 'swap'; did you mean 'btf'?"));
	EXPECT_TRUE(contains(error_of("[requires]\ntracepoints = [\"mm_page_pcpu_drain\"]\n" + one_bounce),
			     "accepted: \"subsystem/event\""));
	EXPECT_TRUE(contains(error_of("[requires]\ntracepoint_fields = [\"kmem/mm_page_alloc\"]\n" + one_bounce),
			     "accepted: \"subsystem/event:field\""));
	EXPECT_TRUE(contains(error_of("[requires]\ncommands = [\"/usr/bin/stress-ng\"]\n" + one_bounce),
			     "a program name without '/'"));
	EXPECT_TRUE(contains(error_of("[requires]\nfeatures = [\"btf\", \"btf\"]\n" + one_bounce),
			     "item 2: 'btf' is listed twice"));
	EXPECT_TRUE(contains(error_of("[requires]\nmax_memory = \"1MiB\"\n" + one_bounce), "max_memory"));
	EXPECT_EQ(parse("[requires]\nmax_memory = \"2GiB\"\n" + one_bounce).requires_.max_memory_bytes, 2LL << 30);
	EXPECT_FALSE(parse(one_bounce).requires_.max_memory_bytes.has_value());
}

TEST(ScenarioParser, CollectChoices)
{
	EXPECT_TRUE(contains(error_of(one_bounce + "[collect]\ncollectors = [\"pcp\", \"slub\"]\n"),
			     "[collect] key 'collectors' item 2: 'slub' is not accepted; accepted: 'page_alloc', 'pcp', "
			     "'extfrag', 'slab', 'malloc', 'faults', 'mmap', 'shm', 'hugetlb', 'vmscan', 'compaction', 'oom', 'swapin', 'callsite', 'migrate', 'usdt', 'pmc', "
			     "'brk_stacks', 'pcp_batches', 'fallback_choice'; did you mean 'slab'?"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[collect]\nsnapshots = [\"zoneinf\"]\n"),
			     "accepted: 'pagetypeinfo', 'buddyinfo', 'meminfo', 'vmstat', 'slabinfo', 'zoneinfo', 'extfrag_index', "
			     "'unusable_index'; did you mean 'zoneinfo'?"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[collect]\nattach = \"kprobe\"\n"),
			     "accepted: 'auto', 'tp_btf', 'raw_tp', 'tracepoint'"));
	EXPECT_TRUE(parse(one_bounce + "[collect]\ncollectors = []\n").collect.collectors.empty());
}

TEST(ScenarioParser, UsermemCollectorsAreAcceptedButNotOnByDefault)
{
	std::vector<std::string> kmem = {"page_alloc", "pcp", "extfrag", "slab"};
	EXPECT_EQ(parse(one_bounce).collect.collectors, kmem);
	std::vector<std::string> usermem = {"faults", "mmap", "shm", "hugetlb"};
	EXPECT_EQ(parse(one_bounce + "[collect]\ncollectors = [\"faults\", \"mmap\", \"shm\", \"hugetlb\"]\n")
			  .collect.collectors,
		  usermem);
}

TEST(ScenarioParser, AssertionNeedsAnExpression)
{
	EXPECT_TRUE(starts_with(error_of(one_bounce + "[[assert]]\nname = \"x\"\n"),
				"dir/test.toml:3:1: [[assert]] #1 is missing the required key 'expr'"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[[assert]]\nexpr = \"  \"\n"), "[[assert]] #1 key 'expr': is empty"));
}

TEST(ScenarioParser, AtLeastOneWorkload)
{
	std::string message = error_of("[scenario]\nname = \"x\"\n");
	EXPECT_TRUE(starts_with(message, "dir/test.toml:1:1: no [[workload]] table")) << message;
	EXPECT_TRUE(contains(message, "'bounce', 'stress-ng'")) << message;
}

TEST(ScenarioParser, TomlSyntaxErrorIsLocated)
{
	std::string message = error_of("[scenario]\nname = \n" + one_bounce);
	EXPECT_TRUE(starts_with(message, "dir/test.toml:2:")) << message;
	EXPECT_TRUE(contains(message, "TOML syntax error")) << message;
	EXPECT_TRUE(starts_with(error_of(one_bounce + "kind = \"bounce\"\n"), "dir/test.toml:3:")) << "redefined key";
}

TEST(ScenarioParser, ParsesAFile)
{
	std::string path = std::string(KMH_SOURCE_DIR) + "/tests/unit/fixtures/scenarios/bounce_two_phases.toml";
	Scenario scenario = parse_scenario_file(path, find_fake, fake_kinds, collectors);
	EXPECT_EQ(scenario.file, path);
	EXPECT_EQ(scenario.name, "bounce_two_phases");
	EXPECT_EQ(scenario.timeout_ns, 120 * s);
	EXPECT_TRUE(contains(scenario.text, "pages faulted on CPU 0"));
	ASSERT_EQ(scenario.workloads.size(), 2u);
	EXPECT_EQ(scenario.workloads[0].options.integer("bytes"), 256 * MiB);
	EXPECT_EQ(scenario.workloads[1].name, "stress_ng");
	EXPECT_EQ(scenario.workloads[1].phase, 2);
	EXPECT_EQ(scenario.workloads[1].where.to_string(), path + ":15:1");
	ASSERT_EQ(scenario.assertions.size(), 1u);
	EXPECT_EQ(scenario.assertions[0].expr, "pcp.drain.events{scope=\"workload\"} > 0");
}

TEST(ScenarioParser, MissingFileNamesThePath)
{
	try {
		parse_scenario_file("/nonexistent/s.toml", find_fake, fake_kinds, collectors);
		FAIL() << "no error for a missing file";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		EXPECT_EQ(std::string(error.what()),
			  "cannot read scenario file '/nonexistent/s.toml': No such file or directory");
	}
}

TEST(ScenarioParser, TargetDefaultsToTheRunningKernel)
{
	TargetSpec target = parse(one_bounce).target;
	EXPECT_EQ(target.kernel, "");
	EXPECT_EQ(target.kernel_headers, "");
	EXPECT_EQ(target.memory_bytes, 4 * GiB);
	EXPECT_EQ(target.disk_bytes, 8 * GiB);
	EXPECT_EQ(target.cpus, 2);
	EXPECT_EQ(target.cmdline, "");
	EXPECT_EQ(target.accel, "auto");
	EXPECT_EQ(target.boot_timeout_ns, 120 * s);
}

TEST(ScenarioParser, ReadsTheTargetTable)
{
	TargetSpec target = parse(one_bounce + "[target]\n"
					       "kernel = \"/boot/vmlinuz-6.1.0-56-amd64\"\n"
					       "kernel_headers = \"headers\"\n"
					       "memory = \"1GiB\"\n"
					       "cpus = 4\n"
					       "cmdline = \"slub_debug=FZ\"\n"
					       "accel = \"tcg\"\n"
					       "boot_timeout = \"45s\"\n"
					       "disk = \"2GiB\"\n")
				    .target;
	EXPECT_EQ(target.kernel, "/boot/vmlinuz-6.1.0-56-amd64");
	EXPECT_EQ(target.kernel_headers, "dir/headers");
	EXPECT_EQ(target.memory_bytes, GiB);
	EXPECT_EQ(target.cpus, 4);
	EXPECT_EQ(target.cmdline, "slub_debug=FZ");
	EXPECT_EQ(target.accel, "tcg");
	EXPECT_EQ(target.boot_timeout_ns, 45 * s);
	EXPECT_EQ(target.disk_bytes, 2 * GiB);
	EXPECT_EQ(target.where.to_string(), "dir/test.toml:3:1");
}

TEST(ScenarioParser, TargetNumaNodesSplitTheGuestsMemory)
{
	EXPECT_EQ(parse(one_bounce).target.numa_nodes, 1);
	EXPECT_EQ(parse(one_bounce + "[target]\nnuma_nodes = 2\nmemory = \"2GiB\"\n").target.numa_nodes, 2);
	EXPECT_TRUE(contains(error_of(one_bounce + "[target]\nnuma_nodes = 9\n"), "[target] key 'numa_nodes'"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[target]\nnuma_nodes = 4\nmemory = \"256MiB\"\n"),
			     "[target] numa_nodes = 4: memory 256 MiB gives each node 64 MiB; each needs at least 128 MiB"));
}

TEST(ScenarioParser, TargetKernelIsRelativeToTheScenarioFolder)
{
	EXPECT_EQ(parse(one_bounce + "[target]\nkernel = \"../images/bzImage\"\n").target.kernel, "images/bzImage");
}

TEST(ScenarioParser, TargetRejectsUnknownKeysAndBadValues)
{
	EXPECT_TRUE(contains(error_of(one_bounce + "[target]\nkernal = \"x\"\n"), "did you mean 'kernel'?"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[target]\naccel = \"hvf\"\n"),
			     "'hvf' is not accepted; accepted: 'auto', 'kvm', 'tcg'"));
	EXPECT_TRUE(starts_with(error_of(one_bounce + "[target]\nmemory = \"64MiB\"\n"),
				"dir/test.toml:4:10: [target] key 'memory'"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[target]\ncpus = 0\n"), "[target] key 'cpus'"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[target]\ndisk = \"1MiB\"\n"), "[target] key 'disk'"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[target]\nkernel = \"\"\n"), "is empty"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[target]\nboot_timeout = \"2 min\"\n"),
			     "[target] key 'boot_timeout'"));
	EXPECT_TRUE(contains(error_of("target = 1\n" + one_bounce), "'target' must be a table"));
}

// A 50,000-character name crashed std::regex_match's recursion (issue 13); now its length is
// checked first, and the match itself runs breadth-first.
TEST(ScenarioParser, OverlongNamesAreRefusedWithTheirPlace)
{
	std::string name(50000, 'a');
	EXPECT_EQ(error_of("[scenario]\nname = \"" + name + "\"\n" + one_bounce),
		  "dir/test.toml:2:8: [scenario] key 'name': is 50000 characters long; at most 100 are accepted");
	EXPECT_EQ(parse("[scenario]\nname = \"" + std::string(100, 'a') + "\"\n" + one_bounce).name, std::string(100, 'a'));
	EXPECT_EQ(error_of(one_bounce + "name = \"" + std::string(65, 'w') + "\"\n"),
		  "dir/test.toml:3:8: [[workload]] #1 key 'name': is 65 characters long; at most 64 are accepted");
	EXPECT_TRUE(contains(error_of(one_bounce + "[requires]\ncommands = [\"" + std::string(50000, 'c') + "\"]\n"),
			     "is 50000 characters long; at most 256 are accepted"));
	EXPECT_TRUE(contains(error_of(one_bounce + "[sysctl]\n\"vm." + std::string(50000, 'x') + "\" = 1\n"),
			     "is 50003 characters long; at most 256 are accepted"));
}

// A long value the pattern accepts is matched without recursion per character.
TEST(ScenarioParser, LongValuesMatchWithoutDeepRecursion)
{
	StringCheck check = matches("[a-z]+", "lowercase letters", 10000000);
	EXPECT_EQ(check(std::string(1000000, 'a')), std::nullopt);
	EXPECT_NE(check(std::string(1000000, 'a') + "A"), std::nullopt);
}

WorkloadSchema checked_schema()
{
	WorkloadSchema schema = bounce_schema();
	schema.kind = "checked";
	schema.check = [](const WorkloadContext &context) {
		if (context.options->integer("threads") * context.options->integer("bytes") > GiB)
			throw invalid_input("checked: threads x bytes is more than 1GiB");
	};
	return schema;
}

// The kind's own checks across options run while the file is read (so `validate` runs them) and
// name the workload's table.
TEST(ScenarioParser, WorkloadChecksRunWithTheTablesPlace)
{
	static const WorkloadSchema checked = checked_schema();
	auto lookup = [](const std::string &kind) { return kind == "checked" ? &checked : nullptr; };
	std::string text = "[scenario]\nname = \"x\"\n\n[[workload]]\nkind = \"checked\"\nthreads = 2\nbytes = \"1GiB\"\n";
	try {
		parse_scenario_text(text, "dir/test.toml", lookup, { "checked" }, collectors);
		FAIL() << "no error for threads x bytes over the limit";
	} catch (const Error &error) {
		EXPECT_EQ(error.code(), ExitCode::invalid_input);
		EXPECT_EQ(std::string(error.what()),
			  "dir/test.toml:4:1: [[workload]] #1 'checked' checked: threads x bytes is more than 1GiB");
	}
	EXPECT_NO_THROW(parse_scenario_text("[[workload]]\nkind = \"checked\"\nthreads = 1\n", "dir/test.toml", lookup,
					    { "checked" }, collectors));
}

}  // namespace
}  // namespace kmh
