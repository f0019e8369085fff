// Reading a whole text as one signed decimal integer, as the kernel prints a single-valued sysctl.
#pragma once

#include <optional>
#include <string_view>

namespace kmh {

// "-12", "+5", "4096": the number; empty text, spaces, other characters or an overflow: nothing.
std::optional<long long> whole_number(std::string_view text);

}  // namespace kmh
