// Each claim's verdict on each kernel of a matrix run, read from the cells' result.json assertions.
#pragma once

#include <string>
#include <vector>

#include "ledger/claim.h"

namespace kmh {

enum class ClaimVerdict { holds, does_not_hold, untested };

const char *claim_verdict_text(ClaimVerdict verdict);  // "holds", "does not hold", "cannot be tested here"

struct ClaimCell {
	ClaimVerdict verdict = ClaimVerdict::untested;
	std::string why;                   // for untested: what kept it from being decided
	std::vector<std::string> figures;  // "<assertion>: <pass|fail>, <what it observed>"
};

struct LedgerKernel {
	std::string release;
	bool host = false;
};

struct Ledger {
	std::string matrix_started_at;
	std::vector<LedgerKernel> kernels;
	std::vector<Claim> claims;
	std::vector<std::vector<ClaimCell>> cells;  // [claim][kernel]
};

// Reads MATRIX_DIR/matrix.json and the result.json of every cell a claim's scenario ran in.
// Throws invalid_input when matrix.json is missing or is not a matrix's.
Ledger build_ledger(const std::vector<Claim> &claims, const std::string &matrix_dir);

}  // namespace kmh
