// Each claim's verdict on each kernel of a matrix run, read from the cells' result.json assertions.
#pragma once

#include <string>
#include <vector>

#include "ledger/claim.h"
#include "ledger/claim_cell.h"

namespace kmh {

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

// Reads MATRIX_DIR/matrix.json and the result.json of every cell a claim's scenario ran in; a
// claim with ab_change is decided from the `kmemharness ab` folders instead (ab_claim_verdicts.h).
// Throws invalid_input when matrix.json is missing or is not a matrix's, or an ab folder is not one.
Ledger build_ledger(const std::vector<Claim> &claims, const std::string &matrix_dir,
		    const std::vector<std::string> &ab_dirs = {});

}  // namespace kmh
