// uname(2)'s nodename.
#include "system/host_name.h"

#include <sys/utsname.h>

namespace kmh {

std::string host_name()
{
	utsname names{};
	if (uname(&names) != 0)
		return "";
	return names.nodename;
}

}  // namespace kmh
