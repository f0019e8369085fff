// One claim's verdict on one kernel: holds, does not hold or cannot be tested, with its figures.
#include "ledger/claim_cell.h"

namespace kmh {

const char *claim_verdict_text(ClaimVerdict verdict)
{
	switch (verdict) {
	case ClaimVerdict::holds:
		return "holds";
	case ClaimVerdict::does_not_hold:
		return "does not hold";
	case ClaimVerdict::untested:
		break;
	}
	return "cannot be tested here";
}

ClaimCell untested_cell(std::string why)
{
	ClaimCell cell;
	cell.why = std::move(why);
	return cell;
}

}  // namespace kmh
