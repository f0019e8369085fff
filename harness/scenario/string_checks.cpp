// Reusable checks of string values in a scenario (see StringCheck in table_reader.h).
#include "scenario/string_checks.h"

#include <algorithm>
#include <regex>

#include "common/suggestion.h"

namespace kmh {

StringCheck one_of(const std::vector<std::string> &choices)
{
	return [&choices](const std::string &value) -> std::optional<std::string> {
		if (std::find(choices.begin(), choices.end(), value) != choices.end())
			return std::nullopt;
		return "'" + value + "' is not accepted; accepted: " + quoted_list(choices) +
		       did_you_mean(value, choices);
	};
}

StringCheck matches(const std::string &pattern, const std::string &shape)
{
	return [expression = std::regex(pattern), shape](const std::string &value) -> std::optional<std::string> {
		if (std::regex_match(value, expression))
			return std::nullopt;
		return "'" + value + "' is not accepted; accepted: " + shape;
	};
}

}  // namespace kmh
