// Reading a whole text as one signed decimal integer, as the kernel prints a single-valued sysctl.
#include "common/whole_number.h"

#include <charconv>

namespace kmh {

std::optional<long long> whole_number(std::string_view text)
{
	if (text.starts_with('+'))
		text.remove_prefix(1);
	long long value = 0;
	auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), value);
	if (text.empty() || error != std::errc() || stop != text.data() + text.size())
		return std::nullopt;
	return value;
}

}  // namespace kmh
