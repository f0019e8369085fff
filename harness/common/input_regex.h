// The options of every regular expression matched against input: breadth-first, bounded stack.
#pragma once

#include <regex>

namespace kmh {

// ECMAScript matched breadth-first (libstdc++'s __polynomial extension): the stack does not grow
// with the text matched (the default depth-first matcher recurses once per character and ran off
// the stack at 50,000), and time is the pattern's size times the text's length, never exponential.
// A pattern with back-references throws std::regex_error (error_complexity).
inline constexpr std::regex_constants::syntax_option_type input_regex =
	std::regex_constants::ECMAScript | std::regex_constants::__polynomial;

}  // namespace kmh
