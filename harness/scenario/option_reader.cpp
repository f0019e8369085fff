// A workload's own options, read from its [[workload]] table against the kind's OptionSpecs.
#include "scenario/option_reader.h"

#include "scenario/string_checks.h"
#include "common/suggestion.h"

namespace kmh {

namespace {

std::string type_text(const OptionSpec &spec)
{
	switch (spec.type) {
	case OptionType::integer:
		return "an integer";
	case OptionType::size:
		return "a size such as \"4KiB\"";
	case OptionType::duration:
		return "a duration such as \"500ms\"";
	case OptionType::boolean:
		return "a boolean";
	case OptionType::string:
		return "a string";
	case OptionType::choice:
		return "one of " + quoted_list(spec.choices);
	case OptionType::string_map:
		return "a table such as { key = \"value\" }";
	}
	return "a value";
}

std::optional<OptionValue> read_option(const TableReader &table, const OptionSpec &spec)
{
	const std::string &key = spec.name;
	switch (spec.type) {
	case OptionType::integer:
		return table.integer(key, spec.min, spec.max);
	case OptionType::size:
		return table.size(key, spec.min, spec.max);
	case OptionType::duration:
		return table.duration(key, spec.min, spec.max);
	case OptionType::boolean:
		return table.boolean(key);
	case OptionType::string:
		return table.string(key);
	case OptionType::choice:
		return table.string(key, one_of(spec.choices));
	case OptionType::string_map:
		return table.string_map(key);
	}
	return std::nullopt;
}

}  // namespace

OptionValues read_options(const TableReader &table, const std::vector<OptionSpec> &specs)
{
	OptionValues values;
	for (const OptionSpec &spec : specs) {
		std::optional<OptionValue> value = read_option(table, spec);
		if (!value)
			value = spec.default_value;
		if (!value)
			table.fail("is missing the required key '" + spec.name + "' (" + type_text(spec) +
				   (spec.help.empty() ? "" : ": " + spec.help) + ")");
		values.set(spec.name, std::move(*value));
	}
	return values;
}

}  // namespace kmh
