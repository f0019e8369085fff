// Reusable checks of string values in a scenario (see StringCheck in table_reader.h).
#pragma once

#include <string>
#include <vector>

#include "scenario/table_reader.h"

namespace kmh {

// Accepts exactly one of `choices` (which must outlive the check); suggests the closest on a typo.
StringCheck one_of(const std::vector<std::string> &choices);

// Accepts values matching the ECMAScript regular expression `pattern` as a whole; `shape` says in
// words what is accepted, e.g. "lowercase letters, digits, '_' and '-'".
StringCheck matches(const std::string &pattern, const std::string &shape);

}  // namespace kmh
