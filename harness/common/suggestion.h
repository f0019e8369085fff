// Spelling help for error messages: the accepted word closest to a mistyped one, and word lists.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kmh {

// The candidate a user most likely meant by `word` (a typo, a transposition or a wrong case), or
// nullopt when none is close.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string> &candidates);

// "'a', 'b', 'c'"
std::string quoted_list(const std::vector<std::string> &words);

// "; did you mean 'x'?" when a candidate is close to `word`, otherwise "".
std::string did_you_mean(std::string_view word, const std::vector<std::string> &candidates);

}  // namespace kmh
