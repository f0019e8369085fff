// Conversion of a RunResult to and from result.json, and the atomic write of report files.
#include "report/result_json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"
#include "system/file_io.h"

namespace kmh {

namespace {

using nlohmann::json;

const char *const tool_name = "kmemharness";

// The order stages run in; result_from_json() restores it, since a JSON object has none.
const std::vector<std::string> stage_order = {"setup", "module_load", "prepare", "attach",    "snapshot_before",
					       "workloads", "readout", "assertions"};

json number_json(double value)
{
	constexpr double int64_limit = 9223372036854775808.0;  // 2^63

	if (!std::isfinite(value))
		return nullptr;
	if (value == std::trunc(value) && std::fabs(value) < int64_limit)
		return static_cast<std::int64_t>(value);
	return value;
}

json metrics_json(const std::vector<Metric> &metrics)
{
	json list = json::array();
	for (const Metric &metric : metrics)
		list.push_back({{"name", metric.name}, {"labels", metric.labels}, {"value", number_json(metric.value)}});
	return list;
}

std::string location_text(const SourceLocation &where)
{
	return where.file.empty() && where.line == 0 ? std::string() : where.to_string();
}

json scenario_json(const ScenarioInfo &scenario)
{
	return {{"name", scenario.name},
		{"description", scenario.description},
		{"file", scenario.file},
		{"sha256", scenario.sha256},
		{"text", scenario.text}};
}

json system_json(const SystemInfo &system)
{
	return {{"kernel_release", system.kernel_release},
		{"kernel_version", system.kernel_version},
		{"cmdline", system.cmdline},
		{"machine", system.machine},
		{"cpu_count", system.cpu_count},
		{"cpu_model", system.cpu_model},
		{"mem_total_bytes", system.mem_total_bytes},
		{"hostname", system.hostname}};
}

json attribution_json(const Attribution &attribution)
{
	return {{"mode", attribution.mode},
		{"cgroup_path", attribution.cgroup_path},
		{"cgroup_id", attribution.cgroup_id}};
}

json collectors_json(const std::vector<CollectorInfo> &collectors)
{
	json list = json::array();
	for (const CollectorInfo &collector : collectors)
		list.push_back({{"name", collector.name},
				{"variant", collector.variant},
				{"programs", collector.programs},
				{"note", collector.note},
				{"details", collector.details}});
	return list;
}

json memory_limit_json(const std::optional<MemoryLimitInfo> &limit)
{
	if (!limit)
		return nullptr;
	return {{"memory_max", limit->memory_max},
		{"swap_max", limit->swap_max ? json(*limit->swap_max) : json(nullptr)},
		{"mechanism", limit->mechanism},
		{"path", limit->path}};
}

json sysctls_json(const std::vector<SysctlChange> &sysctls)
{
	json list = json::array();
	for (const SysctlChange &change : sysctls)
		list.push_back({{"name", change.name}, {"before", change.before}, {"value", change.value}});
	return list;
}

json workloads_json(const std::vector<WorkloadResult> &workloads)
{
	json list = json::array();
	for (const WorkloadResult &workload : workloads)
		list.push_back({{"name", workload.name},
				{"kind", workload.kind},
				{"phase", workload.phase},
				{"cpus", workload.cpus},
				{"options", workload.options.is_null() ? json::object() : workload.options},
				{"status", workload.status},
				{"error", workload.error},
				{"duration_s", number_json(workload.duration_s)},
				{"metrics", metrics_json(workload.metrics)}});
	return list;
}

std::string hex_address(std::uint64_t address)
{
	return fmt::format("{:#x}", address);
}

json frames_json(const std::vector<StackFrame> &frames)
{
	json list = json::array();
	for (const StackFrame &frame : frames)
		list.push_back({{"address", hex_address(frame.address)},
				{"symbol", frame.symbol},
				{"offset", frame.offset},
				{"module", frame.module}});
	return list;
}

json stacks_json(const std::vector<CollectedStack> &stacks)
{
	json list = json::array();
	for (const CollectedStack &stack : stacks)
		list.push_back({{"collector", stack.collector},
				{"stack", stack.stack},
				{"bytes", number_json(stack.bytes)},
				{"allocations", number_json(stack.allocations)},
				{"frames", frames_json(stack.frames)}});
	return list;
}

json assertions_json(const std::vector<AssertionResult> &assertions)
{
	json list = json::array();
	for (const AssertionResult &assertion : assertions)
		list.push_back({{"name", assertion.name},
				{"expr", assertion.expr},
				{"message", assertion.message},
				{"verdict", verdict_name(assertion.verdict)},
				{"observed", number_json(assertion.observed)},
				{"expected", number_json(assertion.expected)},
				{"expected_text", assertion.expected_text},
				{"detail", assertion.detail},
				{"location", location_text(assertion.where)}});
	return list;
}

json timings_json(const std::vector<StageTiming> &timings)
{
	std::map<std::string, double> seconds_by_stage;
	for (const StageTiming &timing : timings)
		seconds_by_stage[timing.stage] += timing.seconds;
	json object = json::object();
	for (const auto &[stage, seconds] : seconds_by_stage)
		object[stage] = number_json(seconds);
	return object;
}

json vm_json(const VmInfo &vm)
{
	return {{"kernel_image", vm.kernel_image},
		{"kernel_release", vm.kernel_release},
		{"accel", vm.accel},
		{"boot_seconds", number_json(vm.boot_seconds)},
		{"setup_seconds", number_json(vm.setup_seconds)},
		{"scenario_seconds", number_json(vm.scenario_seconds)},
		{"send_seconds", number_json(vm.send_seconds)},
		{"poweroff_seconds", number_json(vm.poweroff_seconds)},
		{"total_seconds", number_json(vm.total_seconds)},
		{"console_log", vm.console_log},
		{"boot", vm.boot},
		{"memory_bytes", vm.memory_bytes},
		{"cpus", vm.cpus},
		{"host", vm.host}};
}

Error field_error(const std::string &where, const char *expected, const json &found)
{
	return invalid_input(fmt::format("result.json: {} must be {}, found {}", where, expected, found.type_name()));
}

// The member, or nullptr when it is absent or null: results written earlier may lack a field.
const json *find_member(const json &object, const char *key)
{
	auto found = object.find(key);
	if (found == object.end() || found->is_null())
		return nullptr;
	return &*found;
}

const json &read_object(const json &object, const char *key, const std::string &where)
{
	static const json empty_object = json::object();
	const json *value = find_member(object, key);
	if (!value)
		return empty_object;
	if (!value->is_object())
		throw field_error(where, "an object", *value);
	return *value;
}

const json &read_array(const json &object, const char *key, const std::string &where)
{
	static const json empty_array = json::array();
	const json *value = find_member(object, key);
	if (!value)
		return empty_array;
	if (!value->is_array())
		throw field_error(where, "an array", *value);
	return *value;
}

std::string read_string(const json &object, const char *key, const std::string &where)
{
	const json *value = find_member(object, key);
	if (!value)
		return {};
	if (!value->is_string())
		throw field_error(where, "a string", *value);
	return value->get<std::string>();
}

bool read_bool(const json &object, const char *key, const std::string &where)
{
	const json *value = find_member(object, key);
	if (!value)
		return false;
	if (!value->is_boolean())
		throw field_error(where, "true or false", *value);
	return value->get<bool>();
}

double read_number(const json &object, const char *key, const std::string &where)
{
	auto found = object.find(key);
	if (found == object.end())
		return 0;
	if (found->is_null())
		return std::numeric_limits<double>::quiet_NaN();
	if (!found->is_number())
		throw field_error(where, "a number", *found);
	return found->get<double>();
}

std::int64_t integer_value(const json &value, const std::string &where)
{
	if (!value.is_number_integer())
		throw field_error(where, "an integer", value);
	return value.get<std::int64_t>();
}

int read_int(const json &object, const char *key, const std::string &where, int absent)
{
	const json *value = find_member(object, key);
	return value ? static_cast<int>(integer_value(*value, where)) : absent;
}

std::uint64_t read_unsigned(const json &object, const char *key, const std::string &where)
{
	const json *value = find_member(object, key);
	if (!value)
		return 0;
	if (!value->is_number_unsigned() && !(value->is_number_integer() && value->get<std::int64_t>() >= 0))
		throw field_error(where, "a non-negative integer", *value);
	return value->get<std::uint64_t>();
}

std::vector<std::string> read_strings(const json &object, const char *key, const std::string &where)
{
	std::vector<std::string> strings;
	const json &list = read_array(object, key, where);
	for (std::size_t i = 0; i < list.size(); i++) {
		if (!list[i].is_string())
			throw field_error(fmt::format("{}[{}]", where, i), "a string", list[i]);
		strings.push_back(list[i].get<std::string>());
	}
	return strings;
}

Labels read_labels(const json &object, const std::string &where)
{
	Labels labels;
	for (const auto &[key, value] : read_object(object, "labels", where).items()) {
		if (!value.is_string())
			throw field_error(where + "." + key, "a string", value);
		labels[key] = value.get<std::string>();
	}
	return labels;
}

const json &element_object(const json &list, std::size_t index, const std::string &where)
{
	if (!list[index].is_object())
		throw field_error(where, "an object", list[index]);
	return list[index];
}

std::vector<Metric> read_metrics(const json &object, const std::string &where)
{
	std::vector<Metric> metrics;
	const json &list = read_array(object, "metrics", where);
	for (std::size_t i = 0; i < list.size(); i++) {
		std::string at = fmt::format("{}[{}]", where, i);
		const json &entry = element_object(list, i, at);
		metrics.push_back(Metric{read_string(entry, "name", at + ".name"), read_labels(entry, at + ".labels"),
					 read_number(entry, "value", at + ".value")});
	}
	return metrics;
}

void check_schema_version(const json &document)
{
	auto found = document.find("schema_version");
	if (found == document.end())
		throw invalid_input("result.json has no schema_version: it is not a kmemharness result");
	if (!found->is_number())
		throw field_error("schema_version", "a number", *found);
	int major = static_cast<int>(std::floor(found->get<double>()));
	if (major != result_schema_version)
		throw invalid_input(fmt::format(
			"result.json has schema_version {}, this kmemharness reads schema_version {}; "
			"read it with the kmemharness version that wrote it, or re-run the scenario",
			found->dump(), result_schema_version));
}

void check_tool(const json &document, RunResult &result)
{
	const json &tool = read_object(document, "tool", "tool");
	std::string name = read_string(tool, "name", "tool.name");
	if (!name.empty() && name != tool_name)
		throw invalid_input(fmt::format("result.json was written by '{}', not by {}", name, tool_name));
	result.tool_version = read_string(tool, "version", "tool.version");
}

ExitCode read_exit_code(const json &document)
{
	int code = read_int(document, "exit_code", "exit_code", to_int(ExitCode::run_failed));
	if (code < to_int(ExitCode::passed) || code > to_int(ExitCode::kernel_crashed))
		throw invalid_input(fmt::format("result.json: exit_code {} is not one of 0 to 5", code));
	return static_cast<ExitCode>(code);
}

ScenarioInfo read_scenario(const json &document)
{
	const json &scenario = read_object(document, "scenario", "scenario");
	return {read_string(scenario, "name", "scenario.name"),
		read_string(scenario, "description", "scenario.description"),
		read_string(scenario, "file", "scenario.file"),
		read_string(scenario, "text", "scenario.text"),
		read_string(scenario, "sha256", "scenario.sha256")};
}

SystemInfo read_system(const json &document)
{
	const json &system = read_object(document, "system", "system");
	return {read_string(system, "kernel_release", "system.kernel_release"),
		read_string(system, "kernel_version", "system.kernel_version"),
		read_string(system, "cmdline", "system.cmdline"),
		read_string(system, "machine", "system.machine"),
		read_int(system, "cpu_count", "system.cpu_count", 0),
		read_string(system, "cpu_model", "system.cpu_model"),
		read_unsigned(system, "mem_total_bytes", "system.mem_total_bytes"),
		read_string(system, "hostname", "system.hostname")};
}

Attribution read_attribution(const json &document)
{
	const json &attribution = read_object(document, "attribution", "attribution");
	return {read_string(attribution, "mode", "attribution.mode"),
		read_string(attribution, "cgroup_path", "attribution.cgroup_path"),
		read_unsigned(attribution, "cgroup_id", "attribution.cgroup_id")};
}

std::vector<CollectorInfo> read_collectors(const json &document)
{
	std::vector<CollectorInfo> collectors;
	const json &list = read_array(document, "collectors", "collectors");
	for (std::size_t i = 0; i < list.size(); i++) {
		std::string at = fmt::format("collectors[{}]", i);
		const json &entry = element_object(list, i, at);
		collectors.push_back({read_string(entry, "name", at + ".name"), read_string(entry, "variant", at + ".variant"),
				      read_strings(entry, "programs", at + ".programs"), read_string(entry, "note", at + ".note"),
				      read_object(entry, "details", at + ".details")});
	}
	return collectors;
}

std::optional<std::int64_t> read_optional_integer(const json &object, const char *key, const std::string &where)
{
	const json *value = find_member(object, key);
	if (!value)
		return std::nullopt;
	return integer_value(*value, where);
}

std::optional<MemoryLimitInfo> read_memory_limit(const json &document)
{
	if (!find_member(document, "memory_limit"))
		return std::nullopt;
	const json &limit = read_object(document, "memory_limit", "memory_limit");
	return MemoryLimitInfo{read_optional_integer(limit, "memory_max", "memory_limit.memory_max").value_or(0),
			       read_optional_integer(limit, "swap_max", "memory_limit.swap_max"),
			       read_string(limit, "mechanism", "memory_limit.mechanism"),
			       read_string(limit, "path", "memory_limit.path")};
}

std::vector<SysctlChange> read_sysctls(const json &document)
{
	std::vector<SysctlChange> sysctls;
	const json &list = read_array(document, "sysctls", "sysctls");
	for (std::size_t i = 0; i < list.size(); i++) {
		std::string at = fmt::format("sysctls[{}]", i);
		const json &entry = element_object(list, i, at);
		sysctls.push_back({read_string(entry, "name", at + ".name"), read_string(entry, "before", at + ".before"),
				   read_string(entry, "value", at + ".value")});
	}
	return sysctls;
}

std::vector<int> read_cpus(const json &object, const std::string &where)
{
	std::vector<int> cpus;
	const json &list = read_array(object, "cpus", where);
	for (std::size_t i = 0; i < list.size(); i++)
		cpus.push_back(static_cast<int>(integer_value(list[i], fmt::format("{}[{}]", where, i))));
	return cpus;
}

WorkloadResult read_workload(const json &entry, const std::string &at)
{
	WorkloadResult workload;
	workload.name = read_string(entry, "name", at + ".name");
	workload.kind = read_string(entry, "kind", at + ".kind");
	workload.phase = read_int(entry, "phase", at + ".phase", 1);
	workload.cpus = read_cpus(entry, at + ".cpus");
	workload.options = read_object(entry, "options", at + ".options");
	workload.status = read_string(entry, "status", at + ".status");
	workload.error = read_string(entry, "error", at + ".error");
	workload.duration_s = read_number(entry, "duration_s", at + ".duration_s");
	workload.metrics = read_metrics(entry, at + ".metrics");
	return workload;
}

std::vector<WorkloadResult> read_workloads(const json &document)
{
	std::vector<WorkloadResult> workloads;
	const json &list = read_array(document, "workloads", "workloads");
	for (std::size_t i = 0; i < list.size(); i++) {
		std::string at = fmt::format("workloads[{}]", i);
		workloads.push_back(read_workload(element_object(list, i, at), at));
	}
	return workloads;
}

std::uint64_t read_hex_address(const json &object, const char *key, const std::string &where)
{
	std::string text = read_string(object, key, where);
	try {
		std::size_t used = 0;
		std::uint64_t address = std::stoull(text, &used, 16);
		if (used == text.size() && text.rfind("0x", 0) == 0)
			return address;
	} catch (const std::logic_error &) {
	}
	throw invalid_input(fmt::format("result.json: {} is '{}', expected a hex address like 0x401a2b", where, text));
}

std::vector<StackFrame> read_frames(const json &object, const std::string &where)
{
	std::vector<StackFrame> frames;
	const json &list = read_array(object, "frames", where);
	for (std::size_t i = 0; i < list.size(); i++) {
		std::string at = fmt::format("{}[{}]", where, i);
		const json &entry = element_object(list, i, at);
		frames.push_back({read_hex_address(entry, "address", at + ".address"),
				  read_string(entry, "symbol", at + ".symbol"), read_unsigned(entry, "offset", at + ".offset"),
				  read_string(entry, "module", at + ".module")});
	}
	return frames;
}

std::vector<CollectedStack> read_stacks(const json &document)
{
	std::vector<CollectedStack> stacks;
	const json &list = read_array(document, "stacks", "stacks");
	for (std::size_t i = 0; i < list.size(); i++) {
		std::string at = fmt::format("stacks[{}]", i);
		const json &entry = element_object(list, i, at);
		stacks.push_back({read_string(entry, "collector", at + ".collector"),
				  read_string(entry, "stack", at + ".stack"), read_number(entry, "bytes", at + ".bytes"),
				  read_number(entry, "allocations", at + ".allocations"),
				  read_frames(entry, at + ".frames")});
	}
	return stacks;
}

Verdict read_verdict(const json &entry, const std::string &where)
{
	std::string name = read_string(entry, "verdict", where);
	for (Verdict verdict : {Verdict::pass, Verdict::fail, Verdict::error})
		if (name == verdict_name(verdict))
			return verdict;
	throw invalid_input(fmt::format("result.json: {} is '{}'; accepted: 'pass', 'fail', 'error'", where, name));
}

Error location_error(const std::string &where, const std::string &text)
{
	return invalid_input(fmt::format("result.json: {} is '{}', expected file:line:column", where, text));
}

SourceLocation parse_location(const std::string &text, const std::string &where)
{
	if (text.empty())
		return {};
	std::size_t column_colon = text.rfind(':');
	if (column_colon == std::string::npos || column_colon == 0)
		throw location_error(where, text);
	std::size_t line_colon = text.rfind(':', column_colon - 1);
	if (line_colon == std::string::npos)
		throw location_error(where, text);
	try {
		return {text.substr(0, line_colon), std::stoi(text.substr(line_colon + 1, column_colon - line_colon - 1)),
			std::stoi(text.substr(column_colon + 1))};
	} catch (const std::logic_error &) {
		throw location_error(where, text);
	}
}

AssertionResult read_assertion(const json &entry, const std::string &at)
{
	AssertionResult assertion;
	assertion.name = read_string(entry, "name", at + ".name");
	assertion.expr = read_string(entry, "expr", at + ".expr");
	assertion.message = read_string(entry, "message", at + ".message");
	assertion.observed = read_number(entry, "observed", at + ".observed");
	assertion.expected = read_number(entry, "expected", at + ".expected");
	assertion.expected_text = read_string(entry, "expected_text", at + ".expected_text");
	assertion.detail = read_string(entry, "detail", at + ".detail");
	assertion.verdict = read_verdict(entry, at + ".verdict");
	assertion.where = parse_location(read_string(entry, "location", at + ".location"), at + ".location");
	return assertion;
}

std::vector<AssertionResult> read_assertions(const json &document)
{
	std::vector<AssertionResult> assertions;
	const json &list = read_array(document, "assertions", "assertions");
	for (std::size_t i = 0; i < list.size(); i++) {
		std::string at = fmt::format("assertions[{}]", i);
		assertions.push_back(read_assertion(element_object(list, i, at), at));
	}
	return assertions;
}

std::size_t stage_rank(const std::string &stage)
{
	auto found = std::find(stage_order.begin(), stage_order.end(), stage);
	return static_cast<std::size_t>(found - stage_order.begin());
}

std::vector<StageTiming> read_timings(const json &document)
{
	std::vector<StageTiming> timings;
	for (const auto &[stage, seconds] : read_object(document, "timings", "timings").items()) {
		if (!seconds.is_number())
			throw field_error("timings." + stage, "a number of seconds", seconds);
		timings.push_back({stage, seconds.get<double>()});
	}
	std::stable_sort(timings.begin(), timings.end(), [](const StageTiming &a, const StageTiming &b) {
		return stage_rank(a.stage) < stage_rank(b.stage);
	});
	return timings;
}

std::optional<VmInfo> read_vm(const json &document)
{
	if (!find_member(document, "vm"))
		return std::nullopt;
	const json &vm = read_object(document, "vm", "vm");
	return VmInfo{read_string(vm, "kernel_image", "vm.kernel_image"),
		      read_string(vm, "kernel_release", "vm.kernel_release"),
		      read_string(vm, "accel", "vm.accel"),
		      read_number(vm, "boot_seconds", "vm.boot_seconds"),
		      read_number(vm, "setup_seconds", "vm.setup_seconds"),
		      read_number(vm, "scenario_seconds", "vm.scenario_seconds"),
		      read_number(vm, "send_seconds", "vm.send_seconds"),
		      read_number(vm, "poweroff_seconds", "vm.poweroff_seconds"),
		      read_number(vm, "total_seconds", "vm.total_seconds"),
		      read_string(vm, "console_log", "vm.console_log"),
		      read_string(vm, "boot", "vm.boot"),
		      static_cast<std::int64_t>(read_unsigned(vm, "memory_bytes", "vm.memory_bytes")),
		      read_int(vm, "cpus", "vm.cpus", 0),
		      read_string(vm, "host", "vm.host")};
}

}  // namespace

json result_to_json(const RunResult &result)
{
	json document = {{"schema_version", result_schema_version},
		{"tool", {{"name", tool_name}, {"version", result.tool_version}}},
		{"status", result.status},
		{"complete", result.complete},
		{"exit_code", to_int(result.exit_code)},
		{"started_at", result.started_at},
		{"finished_at", result.finished_at},
		{"scenario", scenario_json(result.scenario)},
		{"system", system_json(result.system)},
		{"target", result.target},
		{"attribution", attribution_json(result.attribution)},
		{"memory_limit", memory_limit_json(result.memory_limit)},
		{"collectors", collectors_json(result.collectors)},
		{"sysctls", sysctls_json(result.sysctls)},
		{"workloads", workloads_json(result.workloads)},
		{"metrics", metrics_json(result.metrics.all())},
		{"stacks", stacks_json(result.stacks)},
		{"assertions", assertions_json(result.assertions)},
		{"timings", timings_json(result.timings)},
		{"errors", result.errors}};
	if (result.vm)
		document["vm"] = vm_json(*result.vm);
	return document;
}

std::string result_json_text(const RunResult &result)
{
	return result_to_json(result).dump(2) + "\n";
}

RunResult result_from_json(const json &document)
{
	if (!document.is_object())
		throw invalid_input(fmt::format("result.json must hold a JSON object, found {}", document.type_name()));
	check_schema_version(document);
	RunResult result;
	check_tool(document, result);
	result.status = read_string(document, "status", "status");
	result.complete = read_bool(document, "complete", "complete");
	result.exit_code = read_exit_code(document);
	result.started_at = read_string(document, "started_at", "started_at");
	result.finished_at = read_string(document, "finished_at", "finished_at");
	result.scenario = read_scenario(document);
	result.system = read_system(document);
	result.target = read_string(document, "target", "target");
	result.attribution = read_attribution(document);
	result.memory_limit = read_memory_limit(document);
	result.collectors = read_collectors(document);
	result.sysctls = read_sysctls(document);
	result.workloads = read_workloads(document);
	result.metrics.add_all(read_metrics(document, "metrics"));
	result.stacks = read_stacks(document);
	result.assertions = read_assertions(document);
	result.timings = read_timings(document);
	result.errors = read_strings(document, "errors", "errors");
	result.vm = read_vm(document);
	return result;
}

std::vector<Metric> result_metrics_from_json(const nlohmann::json &document)
{
	return read_metrics(document, "metrics");
}

}  // namespace kmh
