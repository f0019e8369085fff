// Reading the minimum effect from the command line ("2%") and from a scenario's [compare] table.
#include "compare/min_effect.h"

#include <regex>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "common/error.h"

namespace kmh {

namespace {

const char *const accepted_min_effect =
	"accepted: min_effect = \"N%\", or a table [compare.min_effect] of metric family = \"N%\" "
	"(e.g. default = \"1%\", \"slab.kmalloc\" = \"0.5%\")";

std::string percent_text(const toml::node &node, const std::string &origin, const std::string &key)
{
	std::optional<std::string> text = node.value<std::string>();
	if (!text)
		throw invalid_input(fmt::format("{}: [compare] min_effect {}must be a string such as \"2%\"; {}", origin,
						key.empty() ? "" : "key \"" + key + "\" ", accepted_min_effect));
	return *text;
}

}  // namespace

double MinEffect::for_metric(const std::string &metric_name) const
{
	std::size_t best_length = 0;
	double percent = default_percent;
	for (const auto &[family, value] : family_percent) {
		bool covers = metric_name == family ||
			      (metric_name.size() > family.size() && metric_name.compare(0, family.size(), family) == 0 &&
			       metric_name[family.size()] == '.');
		if (covers && family.size() > best_length) {
			best_length = family.size();
			percent = value;
		}
	}
	return percent;
}

double parse_percent(const std::string &text, const std::string &origin)
{
	static const std::regex percent_pattern(R"(^\s*([0-9]+(?:\.[0-9]+)?)\s*%\s*$)");
	std::smatch match;
	if (!std::regex_match(text, match, percent_pattern))
		throw invalid_input(fmt::format("{}: \"{}\" is not a percentage; accepted: a number and '%', e.g. \"2%\" or \"0.5%\"",
						origin, text));
	return std::stod(match[1].str());
}

std::optional<MinEffect> scenario_min_effect(const std::string &scenario_text, const std::string &origin)
{
	toml::table root;
	try {
		root = toml::parse(scenario_text);
	} catch (const toml::parse_error &error) {
		throw invalid_input(fmt::format("{}: the scenario text is not TOML: {}", origin, error.description()));
	}
	const toml::node_view node = root["compare"]["min_effect"];
	if (!node)
		return std::nullopt;
	MinEffect effect;
	const toml::table *families = node.as_table();
	if (!families) {
		effect.default_percent = parse_percent(percent_text(*node.node(), origin, ""), origin + ": [compare] min_effect");
		return effect;
	}
	for (const auto &[key, value] : *families) {
		std::string family(key.str());
		double percent = parse_percent(percent_text(value, origin, family), origin + ": [compare] min_effect." + family);
		if (family == "default")
			effect.default_percent = percent;
		else
			effect.family_percent[family] = percent;
	}
	return effect;
}

}  // namespace kmh
