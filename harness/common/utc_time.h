// The current time in UTC, as result files and folder names write it.
#pragma once

#include <string>

namespace kmh {

// ISO 8601, e.g. "2026-12-01T21:03:04Z".
std::string utc_now();

// Compact, for folder names, e.g. "20261201T210304Z".
std::string utc_stamp();

}  // namespace kmh
