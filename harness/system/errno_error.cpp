// The kmh::Error of a failed system call.
#include "system/errno_error.h"

#include <cstring>

namespace kmh {

Error errno_error(ExitCode code, const std::string &what, int error)
{
	return Error(code, what + ": " + std::strerror(error));
}

}  // namespace kmh
