// OptionSpec builders: each fills the fields its type uses and leaves the rest at their defaults.
#include "workloads/option_specs.h"

#include <map>
#include <utility>

namespace kmh {

namespace {

OptionSpec ranged_option(std::string name, OptionType type, std::string help, std::int64_t fallback,
			 std::int64_t min, std::int64_t max)
{
	OptionSpec spec;
	spec.name = std::move(name);
	spec.type = type;
	spec.help = std::move(help);
	spec.default_value = fallback;
	spec.min = min;
	spec.max = max;
	return spec;
}

OptionSpec plain_option(std::string name, OptionType type, std::string help, std::optional<OptionValue> fallback)
{
	OptionSpec spec;
	spec.name = std::move(name);
	spec.type = type;
	spec.help = std::move(help);
	spec.default_value = std::move(fallback);
	return spec;
}

}  // namespace

OptionSpec integer_option(std::string name, std::string help, std::int64_t fallback, std::int64_t min, std::int64_t max)
{
	return ranged_option(std::move(name), OptionType::integer, std::move(help), fallback, min, max);
}

OptionSpec size_option(std::string name, std::string help, std::int64_t fallback, std::int64_t min, std::int64_t max)
{
	return ranged_option(std::move(name), OptionType::size, std::move(help), fallback, min, max);
}

OptionSpec duration_option(std::string name, std::string help, std::int64_t fallback, std::int64_t min, std::int64_t max)
{
	return ranged_option(std::move(name), OptionType::duration, std::move(help), fallback, min, max);
}

OptionSpec boolean_option(std::string name, std::string help, bool fallback)
{
	return plain_option(std::move(name), OptionType::boolean, std::move(help), fallback);
}

OptionSpec string_option(std::string name, std::string help, std::optional<std::string> fallback)
{
	std::optional<OptionValue> value;
	if (fallback)
		value = std::move(*fallback);
	return plain_option(std::move(name), OptionType::string, std::move(help), std::move(value));
}

OptionSpec choice_option(std::string name, std::string help, std::string fallback, std::vector<std::string> choices)
{
	OptionSpec spec = plain_option(std::move(name), OptionType::choice, std::move(help), std::move(fallback));
	spec.choices = std::move(choices);
	return spec;
}

OptionSpec string_map_option(std::string name, std::string help)
{
	return plain_option(std::move(name), OptionType::string_map, std::move(help), std::map<std::string, std::string>());
}

}  // namespace kmh
