// The [[workload]] tables of a scenario: kind, name, phase, CPUs and the kind's own options.
#include "scenario/workload_reader.h"

#include <algorithm>

#include "common/error.h"
#include "scenario/option_reader.h"
#include "scenario/string_checks.h"
#include "common/suggestion.h"
#include "scenario/table_reader.h"

namespace kmh {

namespace {

constexpr std::int64_t max_phase = 100;
constexpr std::int64_t max_cpu = 4095;
// Workload names are part of metric names: workload.<name>.<metric>.
constexpr std::size_t max_name_length = 64;

const std::vector<std::string> common_keys = { "kind", "name", "phase", "cpus", "expect_oom_kill" };

// Workload names become part of metric names (workload.<name>.<metric>): no '-' or '.'.
std::string name_from_kind(const std::string &kind)
{
	std::string name = kind;
	for (char &c : name)
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			c = '_';
	return name;
}

std::vector<std::string> accepted_keys(const WorkloadSchema &schema)
{
	std::vector<std::string> keys = common_keys;
	for (const OptionSpec &spec : schema.options)
		keys.push_back(spec.name);
	return keys;
}

struct KindTable {
	const WorkloadLookup &lookup;
	const std::vector<std::string> &known_kinds;
};

StringCheck registered_kind(const KindTable &kinds)
{
	return [&kinds](const std::string &kind) -> std::optional<std::string> {
		if (kinds.lookup(kind))
			return std::nullopt;
		return "'" + kind + "' is not a registered workload kind; accepted: " + quoted_list(kinds.known_kinds) +
		       did_you_mean(kind, kinds.known_kinds);
	};
}

const WorkloadSchema &read_kind(const TableReader &reader, const KindTable &kinds)
{
	std::optional<std::string> kind = reader.string("kind", registered_kind(kinds));
	if (!kind)
		reader.fail("is missing the required key 'kind'; accepted kinds: " + quoted_list(kinds.known_kinds));
	return *kinds.lookup(*kind);
}

void check_unique_name(const TableReader &reader, const WorkloadSpec &workload,
		       const std::vector<WorkloadSpec> &earlier)
{
	auto same_name = [&workload](const WorkloadSpec &other) { return other.name == workload.name; };
	auto first = std::find_if(earlier.begin(), earlier.end(), same_name);
	if (first == earlier.end())
		return;
	std::string problem = "'" + workload.name + "' is already the name of [[workload]] #" +
			      std::to_string(first - earlier.begin() + 1) + " (line " + std::to_string(first->where.line) +
			      "); workload names must be unique";
	if (!reader.has("name"))
		problem += ", so two workloads of kind '" + workload.kind + "' need explicit names, e.g. name = \"" +
			   workload.name + "_2\"";
	reader.fail(reader.where("name"), "key 'name'", problem);
}

// The kind's own checks across its options, with the workload table's place in the message.
void check_workload_options(const TableReader &reader, const WorkloadSchema &schema, const WorkloadSpec &workload)
{
	if (!schema.check)
		return;
	try {
		schema.check(WorkloadContext{ workload.name, &workload.options, workload.cpus, "" });
	} catch (const Error &error) {
		if (error.code() != ExitCode::invalid_input)
			throw;
		reader.fail(error.what());
	}
}

WorkloadSpec read_workload(const toml::table &table, const std::string &label, const KindTable &kinds,
			   const std::vector<WorkloadSpec> &earlier)
{
	TableReader reader(table, label);
	const WorkloadSchema &schema = read_kind(reader, kinds);
	WorkloadSpec workload;
	workload.kind = schema.kind;
	workload.where = reader.where();
	workload.name = reader.string("name", matches("[a-z0-9_]+", "lowercase letters, digits and '_'", max_name_length))
				.value_or(name_from_kind(schema.kind));
	reader.relabel(label + " '" + workload.name + "'");
	check_unique_name(reader, workload, earlier);
	reader.reject_unknown_keys(accepted_keys(schema));
	workload.phase = static_cast<int>(reader.integer("phase", 1, max_phase).value_or(1));
	for (std::int64_t cpu : reader.integers("cpus", 0, max_cpu).value_or(std::vector<std::int64_t>{}))
		workload.cpus.push_back(static_cast<int>(cpu));
	workload.expect_oom_kill = reader.boolean("expect_oom_kill").value_or(false);
	workload.options = read_options(reader, schema.options);
	check_workload_options(reader, schema, workload);
	return workload;
}

}  // namespace

std::vector<WorkloadSpec> read_workloads(const toml::array &tables, const WorkloadLookup &lookup,
					 const std::vector<std::string> &known_kinds)
{
	const KindTable kinds = { lookup, known_kinds };
	std::vector<WorkloadSpec> workloads;
	for (std::size_t i = 0; i < tables.size(); i++) {
		std::string label = "[[workload]] #" + std::to_string(i + 1);
		workloads.push_back(read_workload(*tables[i].as_table(), label, kinds, workloads));
	}
	return workloads;
}

}  // namespace kmh
