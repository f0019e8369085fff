// Reading [[collect.usdt]] tables into UsdtProbeSpecs, each key checked and every error located.
#include "scenario/usdt_reader.h"

#include <set>
#include <utility>

#include "common/suggestion.h"
#include "scenario/string_checks.h"
#include "scenario/table_reader.h"
#include "scenario/toml_location.h"
#include "scenario/usdt_presets.h"

namespace kmh {

namespace {

const std::vector<std::string> probe_keys = {"probe", "preset", "binary", "aggregate"};
const std::vector<std::string> aggregate_keys = {"arg", "as"};
const std::vector<std::string> aggregation_names = {"sum", "log2"};
// sys/sdt.h writes provider and name as C identifiers; the kernel's and glibc's are far shorter.
constexpr std::size_t max_probe_length = 200;
constexpr std::size_t max_binary_length = 4096;
const std::string probe_pattern = "[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*";

std::string binary_of(const TableReader &reader, const std::string &fallback)
{
	return reader
		.string("binary", matches("[^\\s]+", "\"libc\" (the C library the workload maps), or the name or "
						   "absolute path of a file it maps, e.g. \"kmemharness\"",
					  max_binary_length))
		.value_or(fallback);
}

void read_aggregate(const TableReader &reader, const toml::table &table, UsdtProbeSpec &probe)
{
	const toml::node *node = table.get("aggregate");
	if (!node)
		return;
	const toml::table *aggregate = node->as_table();
	if (!aggregate)
		reader.fail(location_of(node->source()), "key 'aggregate'",
			    "expected a table such as { arg = 2, as = \"sum\" }");
	TableReader inner(*aggregate, "[[collect.usdt]] '" + probe.provider + ":" + probe.name + "' aggregate");
	inner.reject_unknown_keys(aggregate_keys);
	std::optional<std::int64_t> arg = inner.integer("arg", 1, usdt_max_args);
	std::optional<std::string> as = inner.string("as", one_of(aggregation_names));
	if (!arg || !as)
		inner.fail(std::string("needs both keys: arg (1 to ") + std::to_string(usdt_max_args) +
			   ", the probe's argument) and as (\"sum\" or \"log2\")");
	probe.arg = static_cast<int>(*arg);
	probe.aggregation = *as == "sum" ? UsdtAggregation::sum : UsdtAggregation::log2;
}

UsdtProbeSpec read_named_probe(const TableReader &reader, const toml::table &table, const std::string &file_name)
{
	std::string probe_text =
		*reader.string("probe", matches(probe_pattern, "\"provider:name\", e.g. \"libc:memory_sbrk_more\"",
						max_probe_length));
	UsdtProbeSpec probe;
	std::size_t colon = probe_text.find(':');
	probe.provider = probe_text.substr(0, colon);
	probe.name = probe_text.substr(colon + 1);
	if (!reader.has("binary"))
		reader.fail("needs key 'binary': \"libc\" (the C library the workload maps), or the name or absolute "
			    "path of a file the workload maps");
	probe.binary = binary_of(reader, "");
	probe.where = reader.where();
	probe.where.file = file_name;
	read_aggregate(reader, table, probe);
	return probe;
}

std::vector<UsdtProbeSpec> read_preset(const TableReader &reader, const std::string &file_name)
{
	if (reader.has("aggregate"))
		reader.fail(reader.where("aggregate"), "key 'aggregate'",
			    "is accepted with 'probe' only; a preset's probes are counted, not aggregated");
	static const std::vector<std::string> preset_names = usdt_preset_names();
	const UsdtPreset &preset = *find_usdt_preset(*reader.string("preset", one_of(preset_names)));
	std::string binary = binary_of(reader, preset.binary);
	std::vector<UsdtProbeSpec> probes;
	for (const std::string &name : preset.probes) {
		UsdtProbeSpec probe{preset.provider, name, binary, UsdtAggregation::none, 0, preset.name, reader.where()};
		probe.where.file = file_name;
		probes.push_back(std::move(probe));
	}
	return probes;
}

std::vector<UsdtProbeSpec> read_entry(const toml::table &table, const std::string &label, const std::string &file_name)
{
	TableReader reader(table, label);
	reader.reject_unknown_keys(probe_keys);
	if (reader.has("probe") == reader.has("preset"))
		reader.fail("needs exactly one of 'probe' (\"provider:name\") and 'preset' (accepted: " +
			    quoted_list(usdt_preset_names()) + ")");
	if (reader.has("preset"))
		return read_preset(reader, file_name);
	return {read_named_probe(reader, table, file_name)};
}

using ProbeInBinary = std::pair<std::string, std::string>;  // provider:name, binary

ProbeInBinary identity(const UsdtProbeSpec &probe)
{
	return {probe.provider + ":" + probe.name, probe.binary};
}

// A probe named alone wins over the same probe of a preset; named twice otherwise, it is an error.
std::vector<UsdtProbeSpec> without_duplicates(const std::vector<UsdtProbeSpec> &probes)
{
	std::set<ProbeInBinary> named;
	for (const UsdtProbeSpec &probe : probes)
		if (probe.preset.empty() && !named.insert(identity(probe)).second)
			fail_at(probe.where, "[[collect.usdt]] probe '" + identity(probe).first + "' in '" + probe.binary +
						     "' is named twice; name it once");
	std::set<ProbeInBinary> from_presets;
	std::vector<UsdtProbeSpec> kept;
	for (const UsdtProbeSpec &probe : probes) {
		if (!probe.preset.empty() && named.count(identity(probe)))
			continue;
		if (!probe.preset.empty() && !from_presets.insert(identity(probe)).second)
			fail_at(probe.where, "[[collect.usdt]] preset '" + probe.preset + "' in '" + probe.binary +
						     "' is named twice; name it once");
		kept.push_back(probe);
	}
	return kept;
}

}  // namespace

std::vector<UsdtProbeSpec> read_usdt_probes(const toml::node *usdt, const std::string &file_name)
{
	if (!usdt)
		return {};
	const toml::array *tables = usdt->as_array();
	if (!tables || !(tables->is_array_of_tables() || tables->empty()))
		fail_at(usdt->source(), "[collect] key 'usdt' must be an array of tables: write each probe as "
					"[[collect.usdt]] with probe = \"provider:name\" and binary = \"...\" below it");
	std::vector<UsdtProbeSpec> probes;
	for (std::size_t i = 0; i < tables->size(); i++) {
		std::vector<UsdtProbeSpec> entry =
			read_entry(*(*tables)[i].as_table(), "[[collect.usdt]] #" + std::to_string(i + 1), file_name);
		probes.insert(probes.end(), entry.begin(), entry.end());
	}
	return without_duplicates(probes);
}

}  // namespace kmh
