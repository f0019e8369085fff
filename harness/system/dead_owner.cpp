// Whether a "<prefix><pid>" name belongs to a process that no longer exists.
#include "system/dead_owner.h"

#include <signal.h>

#include <cerrno>
#include <cstdlib>

namespace kmh {

bool owned_by_dead_process(const std::string &name, const std::string &prefix)
{
	if (!name.starts_with(prefix))
		return false;
	pid_t owner = std::atoi(name.c_str() + prefix.size());
	return owner > 0 && kill(owner, 0) != 0 && errno == ESRCH;
}

}  // namespace kmh
