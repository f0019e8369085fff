// Where a TOML node sits in its scenario file, and the located invalid_input error built from it.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "scenario/source_location.h"

namespace kmh {

// The region's first line and column, in the file the document was parsed from.
SourceLocation location_of(const toml::source_region &region);

// Throws invalid_input with the message "<file>:<line>:<column>: <problem>".
[[noreturn]] void fail_at(const SourceLocation &where, const std::string &problem);
[[noreturn]] void fail_at(const toml::source_region &region, const std::string &problem);

}  // namespace kmh
