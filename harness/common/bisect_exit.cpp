// The one table from harness exit codes to git bisect run's contract.
#include "common/bisect_exit.h"

namespace kmh {

int bisect_exit_code(int harness_code, BisectCrash crash)
{
	switch (harness_code) {
	case static_cast<int>(ExitCode::passed):
		return bisect_good;
	case static_cast<int>(ExitCode::assertion_failed):
		return bisect_bad;
	case static_cast<int>(ExitCode::invalid_input):
		return bisect_abort;
	case static_cast<int>(ExitCode::kernel_crashed):
		return crash == BisectCrash::bad ? bisect_bad : bisect_skip;
	default:
		return bisect_skip;
	}
}

}  // namespace kmh
