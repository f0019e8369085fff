// Reading the claims file (TOML, [[claim]] tables); every error names file:line:column and key.
#pragma once

#include <string>
#include <vector>

#include "ledger/claim.h"

namespace kmh {

// Throws invalid_input naming the file, line, key and what is accepted.
std::vector<Claim> read_claims_file(const std::string &path);
std::vector<Claim> parse_claims_text(const std::string &text, const std::string &file_name);

}  // namespace kmh
