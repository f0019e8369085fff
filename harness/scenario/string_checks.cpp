// Reusable checks of string values in a scenario (see StringCheck in table_reader.h).
#include "scenario/string_checks.h"

#include <algorithm>
#include <regex>

#include "common/input_regex.h"
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

std::optional<std::string> length_problem(const std::string &value, std::size_t max_length)
{
	if (value.size() <= max_length)
		return std::nullopt;
	return "is " + std::to_string(value.size()) + " characters long; at most " + std::to_string(max_length) +
	       " are accepted";
}

StringCheck matches(const std::string &pattern, const std::string &shape, std::size_t max_length)
{
	std::regex expression(pattern, input_regex);
	return [expression, shape, max_length](const std::string &value) -> std::optional<std::string> {
		if (std::optional<std::string> problem = length_problem(value, max_length))
			return problem;
		if (std::regex_match(value, expression))
			return std::nullopt;
		return "'" + value + "' is not accepted; accepted: " + shape;
	};
}

}  // namespace kmh
