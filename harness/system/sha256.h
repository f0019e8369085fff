// The SHA-256 of a text as hex: which scenario a result ran, which sources a module was built from.
#pragma once

#include <string>

namespace kmh {

std::string sha256_hex(const std::string &text);

}  // namespace kmh
