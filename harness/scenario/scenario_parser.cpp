// Reading a scenario file (TOML) into a validated Scenario; every error names file:line:column.
#include "scenario/scenario_parser.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/error.h"
#include "common/input_regex.h"
#include "common/suggestion.h"
#include "scenario/string_checks.h"
#include "scenario/table_reader.h"
#include "scenario/toml_location.h"
#include "scenario/units.h"
#include "scenario/usdt_reader.h"
#include "scenario/workload_reader.h"
#include "system/bounded_file.h"

namespace kmh {

namespace {

constexpr std::int64_t second = ns_per_second;
constexpr std::int64_t default_timeout = 60 * second;
constexpr std::int64_t min_timeout = second;
constexpr std::int64_t max_timeout = 24 * 3600 * second;
constexpr std::int64_t max_cpus = 4096;

const std::vector<std::string> plain_tables = { "scenario", "requires", "collect", "target", "sysctl", "compare",
						"cgroup" };
const std::vector<std::string> array_tables = { "workload", "assert" };
const std::vector<std::string> all_tables = { "scenario", "requires", "workload", "collect", "target",
					      "sysctl",   "compare",  "assert",   "cgroup" };
const std::string accepted_tables =
	"[scenario], [requires], [[workload]], [collect], [target], [sysctl], [compare], [[assert]], [cgroup]";

const std::vector<std::string> scenario_keys = { "name", "description", "timeout" };
const std::vector<std::string> requires_keys = { "cpus", "root", "features", "tracepoints", "tracepoint_fields", "kernel_functions", "kernel_symbols", "max_memory",
						 "commands" };
const std::vector<std::string> collect_keys = { "collectors", "snapshots", "attach", "workload_context", "callsites",
						"usdt" };
const std::vector<std::string> target_keys = { "kernel", "kernel_headers", "memory", "cpus", "cmdline", "accel",
					       "boot_timeout", "swap", "own_boot", "disk", "numa_nodes" };
const std::vector<std::string> assert_keys = { "expr", "name", "message" };
const std::vector<std::string> compare_keys = { "gate", "min_effect" };
const std::vector<std::string> cgroup_keys = { "memory_max", "swap_max" };
const std::regex sysctl_name_pattern("[a-z0-9_]+(\\.[a-z0-9_-]+)+", input_regex);
// The scenario's name is a folder of results/ and part of file names; one path component is 255 bytes.
constexpr std::size_t max_name_length = 100;
// Tracepoint, command and sysctl names: the kernel's longest are well under 100 characters.
constexpr std::size_t max_word_length = 256;

const std::vector<std::string> features = { "btf", "tp_btf", "cgroup2", "thp", "memcg", "swap" };
// The snapshots taken when [collect] names none; the debugfs ones are taken only when named.
const std::vector<std::string> default_snapshots = { "pagetypeinfo", "buddyinfo", "meminfo", "vmstat", "slabinfo", "zoneinfo" };
const std::vector<std::string> snapshots = { "pagetypeinfo", "buddyinfo", "meminfo", "vmstat", "slabinfo", "zoneinfo",
					     "extfrag_index", "unusable_index" };
const std::vector<std::string> workload_context_names = { "task", "any" };

const std::vector<std::string> accel_names = { "auto", "kvm", "tcg" };
constexpr std::int64_t min_vm_memory = 128LL << 20;
constexpr std::int64_t max_vm_memory = 1LL << 40;
constexpr std::int64_t min_vm_swap = 1LL << 20;
constexpr std::int64_t max_vm_swap = 1LL << 40;
constexpr std::int64_t min_vm_disk = 64LL << 20;
constexpr std::int64_t max_vm_disk = 1LL << 40;
constexpr std::int64_t max_vm_cpus = 64;
constexpr std::int64_t max_vm_numa_nodes = 8;
constexpr std::int64_t min_boot_timeout = second;
constexpr std::int64_t max_boot_timeout = 3600 * second;
constexpr std::int64_t min_memory_max = 8LL << 20;
constexpr std::int64_t max_cgroup_bytes = 1LL << 44;

const std::string tracepoint_pattern = "[A-Za-z0-9_-]+/[A-Za-z0-9_]+";

// Shipped scenarios are a few KiB; a megabyte is room for any written by hand or generated.
constexpr InputFileKind scenario_file_kind{ "scenario file", 1 << 20 };

const toml::table empty_table;

toml::table parse_toml(const std::string &text, const std::string &file_name)
{
	try {
		return toml::parse(text, file_name);
	} catch (const toml::parse_error &error) {
		fail_at(error.source(), "TOML syntax error: " + std::string(error.description()));
	}
}

bool is_empty_array(const toml::node &node)
{
	return node.is_array() && node.as_array()->empty();
}

void check_top_level(const toml::table &root)
{
	for (const auto &[key, node] : root) {
		std::string name(key.str());
		bool plain = std::find(plain_tables.begin(), plain_tables.end(), name) != plain_tables.end();
		bool array = std::find(array_tables.begin(), array_tables.end(), name) != array_tables.end();
		if (plain && !node.is_table())
			fail_at(key.source(), "'" + name + "' must be a table: write [" + name + "] and its keys below it");
		if (array && !node.is_array_of_tables() && !is_empty_array(node))
			fail_at(key.source(), "'" + name + "' must be an array of tables: write each one as [[" + name +
						      "]] and its keys below it");
		if (!plain && !array)
			fail_at(key.source(), "unknown top-level key '" + name + "'; accepted tables: " +
						      accepted_tables + did_you_mean(name, all_tables));
	}
}

const toml::table &table_or_empty(const toml::table &root, const std::string &name)
{
	const toml::table *table = root[name].as_table();
	return table ? *table : empty_table;
}

// Where a table is written; only the file when the scenario leaves it out.
SourceLocation table_location(const TableReader &reader, const std::string &file_name)
{
	SourceLocation where = reader.where();
	where.file = file_name;
	return where;
}

// The file's stem made into a valid scenario name: "PCP drain.toml" -> "pcp_drain".
std::string name_from_file(const std::string &file_name)
{
	std::string name = std::filesystem::path(file_name).stem().string();
	for (char &c : name) {
		if (c >= 'A' && c <= 'Z')
			c = static_cast<char>(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			c = '_';
	}
	return name.empty() ? "scenario" : name;
}

void read_scenario_table(const toml::table &root, const std::string &file_name, Scenario &scenario)
{
	TableReader reader(table_or_empty(root, "scenario"), "[scenario]");
	reader.reject_unknown_keys(scenario_keys);
	scenario.name = reader.string("name", matches("[a-z0-9_-]+", "lowercase letters, digits, '_' and '-'", max_name_length))
				.value_or(name_from_file(file_name));
	scenario.description = reader.string("description").value_or("");
	scenario.timeout_ns = reader.duration("timeout", min_timeout, max_timeout).value_or(default_timeout);
}

Requirements read_requirements(const toml::table &root, const std::string &file_name)
{
	TableReader reader(table_or_empty(root, "requires"), "[requires]");
	reader.reject_unknown_keys(requires_keys);
	Requirements requirements;
	requirements.cpus = static_cast<int>(reader.integer("cpus", 1, max_cpus).value_or(1));
	requirements.root = reader.boolean("root").value_or(true);
	requirements.features = reader.strings("features", one_of(features)).value_or(std::vector<std::string>{});
	requirements.tracepoints =
		reader.strings("tracepoints",
			       matches(tracepoint_pattern, "\"subsystem/event\", e.g. \"kmem/mm_page_pcpu_drain\"",
				       max_word_length))
			.value_or(std::vector<std::string>{});
	requirements.tracepoint_fields =
		reader.strings("tracepoint_fields",
			       matches(tracepoint_pattern + ":[A-Za-z0-9_]+",
				       "\"subsystem/event:field\", e.g. \"kmem/mm_page_alloc_zone_locked:percpu_refill\"",
				       max_word_length))
			.value_or(std::vector<std::string>{});
	requirements.kernel_functions =
		reader.strings("kernel_functions",
			       matches("[A-Za-z_][A-Za-z0-9_.]*", "a kernel function name, e.g. \"free_pcppages_bulk\"",
				       max_word_length))
			.value_or(std::vector<std::string>{});
	requirements.kernel_symbols =
		reader.strings("kernel_symbols",
			       matches("[A-Za-z_][A-Za-z0-9_.]*", "a kernel symbol name, e.g. \"node_data\"", max_word_length))
			.value_or(std::vector<std::string>{});
	requirements.commands =
		reader.strings("commands", matches("[^/\\s]+", "a program name without '/' or spaces, e.g. \"stress-ng\"",
				       max_word_length))
			.value_or(std::vector<std::string>{});
	requirements.max_memory_bytes = reader.size("max_memory", min_vm_memory, max_vm_memory);
	requirements.where = table_location(reader, file_name);
	return requirements;
}

// Probes without the usdt collector, or the collector without probes, would count nothing.
void check_usdt_collector(const CollectSpec &collect, const TableReader &reader)
{
	bool collector = std::find(collect.collectors.begin(), collect.collectors.end(), "usdt") != collect.collectors.end();
	if (collector && collect.usdt.empty())
		reader.fail(reader.where("collectors"), "key 'collectors'",
			    "names \"usdt\" but no [[collect.usdt]] table names a probe; add one, e.g. "
			    "[[collect.usdt]] probe = \"libc:memory_sbrk_more\", binary = \"libc\"");
	if (!collector && !collect.usdt.empty())
		fail_at(collect.usdt.front().where, "[[collect.usdt]] names probes but [collect] collectors does not "
						     "name \"usdt\"; add it to collectors");
}

CollectSpec read_collect(const toml::table &root, const std::string &file_name, const CollectorNames &collectors)
{
	TableReader reader(table_or_empty(root, "collect"), "[collect]");
	reader.reject_unknown_keys(collect_keys);
	CollectSpec collect;
	collect.collectors =
		reader.strings("collectors", one_of(collectors.accepted)).value_or(collectors.defaults);
	collect.snapshots = reader.strings("snapshots", one_of(snapshots)).value_or(default_snapshots);
	std::optional<std::string> attach = reader.string("attach", one_of(attach_mode_names()));
	collect.attach = attach ? *find_attach_mode(*attach) : AttachMode::automatic;
	std::string context = reader.string("workload_context", one_of(workload_context_names)).value_or("task");
	collect.workload_context = context == "any" ? WorkloadContextMode::any : WorkloadContextMode::task;
	collect.callsites = static_cast<int>(reader.integer("callsites", 1, callsites_max).value_or(callsites_default));
	collect.usdt = read_usdt_probes(table_or_empty(root, "collect").get("usdt"), file_name);
	check_usdt_collector(collect, reader);
	collect.where = table_location(reader, file_name);
	return collect;
}

std::optional<std::string> empty_path_problem(const std::string &value)
{
	if (!value.empty())
		return std::nullopt;
	return "is empty; write a path, or leave the key out";
}

// A relative path in a scenario is relative to the scenario file's folder.
std::string path_from_scenario(const std::string &path, const std::string &file_name)
{
	if (path.empty() || std::filesystem::path(path).is_absolute())
		return path;
	return (std::filesystem::path(file_name).parent_path() / path).lexically_normal().string();
}

std::optional<std::string> blank_gate_problem(const std::string &value)
{
	if (value.find_first_not_of(" \t") != std::string::npos)
		return std::nullopt;
	return "is empty; write a rule such as \"pcp.drain.events rises by more than 5% and significant\"";
}

// Each NUMA node of the guest gets memory / numa_nodes; a node must have what a guest needs at least.
void check_numa_node_memory(const TargetSpec &target)
{
	if (target.memory_bytes / target.numa_nodes >= min_vm_memory)
		return;
	fail_at(target.where, fmt::format("[target] numa_nodes = {}: memory {} MiB gives each node {} MiB; each "
					  "needs at least {} MiB (raise memory or lower numa_nodes)",
					  target.numa_nodes, target.memory_bytes >> 20,
					  (target.memory_bytes / target.numa_nodes) >> 20, min_vm_memory >> 20));
}

TargetSpec read_target(const toml::table &root, const std::string &file_name)
{
	TableReader reader(table_or_empty(root, "target"), "[target]");
	reader.reject_unknown_keys(target_keys);
	TargetSpec target;
	target.kernel = path_from_scenario(reader.string("kernel", empty_path_problem).value_or(""), file_name);
	target.kernel_headers =
		path_from_scenario(reader.string("kernel_headers", empty_path_problem).value_or(""), file_name);
	target.memory_bytes = reader.size("memory", min_vm_memory, max_vm_memory).value_or(target.memory_bytes);
	target.cpus = static_cast<int>(reader.integer("cpus", 1, max_vm_cpus).value_or(target.cpus));
	target.cmdline = reader.string("cmdline").value_or("");
	target.accel = reader.string("accel", one_of(accel_names)).value_or(target.accel);
	target.boot_timeout_ns =
		reader.duration("boot_timeout", min_boot_timeout, max_boot_timeout).value_or(target.boot_timeout_ns);
	target.swap_bytes = reader.size("swap", min_vm_swap, max_vm_swap).value_or(0);
	target.own_boot = reader.boolean("own_boot").value_or(false);
	target.disk_bytes = reader.size("disk", min_vm_disk, max_vm_disk).value_or(target.disk_bytes);
	target.numa_nodes = static_cast<int>(reader.integer("numa_nodes", 1, max_vm_numa_nodes).value_or(1));
	target.where = table_location(reader, file_name);
	check_numa_node_memory(target);
	return target;
}

void read_sysctl_node(const toml::node &node, const std::string &name, const std::string &file_name,
		      std::vector<SysctlSetting> &sysctls)
{
	SourceLocation where = location_of(node.source());
	where.file = file_name;
	if (const toml::table *nested = node.as_table()) {
		for (const auto &[key, value] : *nested)
			read_sysctl_node(value, name + "." + std::string(key.str()), file_name, sysctls);
		return;
	}
	if (std::optional<std::string> problem = length_problem(name, max_word_length))
		fail_at(where, "[sysctl] key '" + name.substr(0, 64) + "...': " + *problem);
	if (!is_sysctl_name(name))
		fail_at(where, "[sysctl] key '" + name + "': not a sysctl name; write it as sysctl(8) does, "
			       "e.g. \"vm.percpu_pagelist_high_fraction\" = 8192");
	std::optional<std::string> value;
	if (auto text = node.value<std::string>())
		value = *text;
	else if (auto number = node.value<std::int64_t>())
		value = std::to_string(*number);
	if (!value)
		fail_at(where, "[sysctl] key '" + name + "': the value must be an integer or a string");
	sysctls.push_back({ name, *value, where });
}

// [sysctl]: values set for the run and restored afterwards; dotted keys may be quoted or nested.
std::vector<SysctlSetting> read_sysctls(const toml::table &root, const std::string &file_name)
{
	std::vector<SysctlSetting> sysctls;
	for (const auto &[key, value] : table_or_empty(root, "sysctl"))
		read_sysctl_node(value, std::string(key.str()), file_name, sysctls);
	return sysctls;
}

// [compare] belongs to `kmemharness compare`, which reads it from the scenario text kept in
// result.json; here only its shape is checked.
void check_compare_table(const toml::table &root)
{
	TableReader reader(table_or_empty(root, "compare"), "[compare]");
	reader.reject_unknown_keys(compare_keys);
	reader.strings("gate", blank_gate_problem);
}

// [cgroup]: the workload cgroup's memory limit (and swap on top of it) for the run.
CgroupSpec read_cgroup(const toml::table &root, const std::string &file_name)
{
	TableReader reader(table_or_empty(root, "cgroup"), "[cgroup]");
	reader.reject_unknown_keys(cgroup_keys);
	CgroupSpec cgroup;
	cgroup.memory_max = reader.size("memory_max", min_memory_max, max_cgroup_bytes);
	cgroup.swap_max = reader.size("swap_max", 0, max_cgroup_bytes);
	if (cgroup.swap_max && !cgroup.memory_max)
		reader.fail(reader.where("swap_max"), "key 'swap_max'",
			    "needs memory_max: swap is limited on top of a memory limit, e.g. memory_max = \"256MiB\"");
	cgroup.where = table_location(reader, file_name);
	return cgroup;
}

std::optional<std::string> blank_problem(const std::string &value)
{
	if (value.find_first_not_of(" \t\r\n") != std::string::npos)
		return std::nullopt;
	return "is empty; write an expression such as \"pcp.drain.events{scope=\\\"workload\\\"} > 0\"";
}

AssertionSpec read_assertion(const toml::table &table, std::size_t index)
{
	TableReader reader(table, "[[assert]] #" + std::to_string(index + 1));
	reader.reject_unknown_keys(assert_keys);
	std::optional<std::string> expr = reader.string("expr", blank_problem);
	if (!expr)
		reader.fail("is missing the required key 'expr' (the assertion, see docs/assertions.md)");
	AssertionSpec assertion;
	assertion.expr = *expr;
	assertion.name = reader.string("name").value_or(*expr);
	assertion.message = reader.string("message").value_or("");
	assertion.where = reader.where("expr");
	return assertion;
}

std::vector<AssertionSpec> read_assertions(const toml::table &root)
{
	std::vector<AssertionSpec> assertions;
	if (const toml::array *tables = root["assert"].as_array())
		for (std::size_t i = 0; i < tables->size(); i++)
			assertions.push_back(read_assertion(*(*tables)[i].as_table(), i));
	return assertions;
}

std::vector<WorkloadSpec> read_all_workloads(const toml::table &root, const std::string &file_name,
					     const WorkloadLookup &lookup, const std::vector<std::string> &known_kinds)
{
	const toml::array *tables = root["workload"].as_array();
	if (!tables || tables->empty())
		fail_at(SourceLocation{ file_name, 1, 1 },
			"no [[workload]] table; a scenario runs at least one: add a [[workload]] table with kind = "
			"one of " + quoted_list(known_kinds));
	return read_workloads(*tables, lookup, known_kinds);
}

}  // namespace

bool is_sysctl_name(const std::string &name)
{
	return name.size() <= max_word_length && std::regex_match(name, sysctl_name_pattern);
}

Scenario parse_scenario_text(const std::string &text, const std::string &file_name, const WorkloadLookup &lookup,
			     const std::vector<std::string> &known_kinds, const CollectorNames &collectors)
{
	toml::table root = parse_toml(text, file_name);
	check_top_level(root);
	Scenario scenario;
	scenario.file = file_name;
	scenario.text = text;
	read_scenario_table(root, file_name, scenario);
	scenario.requires_ = read_requirements(root, file_name);
	scenario.workloads = read_all_workloads(root, file_name, lookup, known_kinds);
	scenario.collect = read_collect(root, file_name, collectors);
	scenario.target = read_target(root, file_name);
	scenario.sysctls = read_sysctls(root, file_name);
	scenario.cgroup = read_cgroup(root, file_name);
	check_compare_table(root);
	scenario.assertions = read_assertions(root);
	return scenario;
}

Scenario parse_scenario_file(const std::string &path, const WorkloadLookup &lookup,
			     const std::vector<std::string> &known_kinds, const CollectorNames &collectors)
{
	return parse_scenario_text(read_input_file(path, scenario_file_kind), path, lookup, known_kinds, collectors);
}

}  // namespace kmh
