// Formatting the current time in UTC with strftime.
#include "common/utc_time.h"

#include <ctime>

namespace kmh {

namespace {

std::string utc_formatted(const char *format)
{
	std::time_t now = std::time(nullptr);
	char text[32];
	std::strftime(text, sizeof(text), format, std::gmtime(&now));
	return text;
}

}  // namespace

std::string utc_now()
{
	return utc_formatted("%Y-%m-%dT%H:%M:%SZ");
}

std::string utc_stamp()
{
	return utc_formatted("%Y%m%dT%H%M%SZ");
}

}  // namespace kmh
