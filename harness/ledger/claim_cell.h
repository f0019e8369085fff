// One claim's verdict on one kernel: holds, does not hold or cannot be tested, with its figures.
#pragma once

#include <string>
#include <vector>

namespace kmh {

enum class ClaimVerdict { holds, does_not_hold, untested };

const char *claim_verdict_text(ClaimVerdict verdict);  // "holds", "does not hold", "cannot be tested here"

struct ClaimCell {
	ClaimVerdict verdict = ClaimVerdict::untested;
	std::string why;                   // for untested: what kept it from being decided
	std::vector<std::string> figures;  // "<assertion>: <pass|fail>, <what it observed>"
};

// A cell that cannot be decided, and why.
ClaimCell untested_cell(std::string why);

}  // namespace kmh
