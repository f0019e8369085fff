// Reusable checks of string values in a scenario (see StringCheck in table_reader.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "scenario/table_reader.h"

namespace kmh {

// Accepts exactly one of `choices` (which must outlive the check); suggests the closest on a typo.
StringCheck one_of(const std::vector<std::string> &choices);

// Accepts values of at most `max_length` characters matching the ECMAScript regular expression
// `pattern` as a whole; `shape` says in words what is accepted, e.g. "lowercase letters, digits,
// '_' and '-'". The match runs breadth-first, so its stack does not grow with the value's length.
StringCheck matches(const std::string &pattern, const std::string &shape, std::size_t max_length);

// "is 50000 characters long; at most 64 are accepted", or nullopt when `value` is short enough.
std::optional<std::string> length_problem(const std::string &value, std::size_t max_length);

}  // namespace kmh
