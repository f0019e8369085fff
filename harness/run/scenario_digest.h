// The SHA-256 of a scenario's text, so results can tell exactly which scenario they ran.
#pragma once

#include <string>

namespace kmh {

std::string sha256_hex(const std::string &text);

}  // namespace kmh
