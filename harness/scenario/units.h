// Sizes ("4KiB", "1.5GiB") and durations ("500ms", "2s") as scenarios write them, in bytes and ns.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kmh {

inline constexpr std::int64_t ns_per_second = 1000 * 1000 * 1000;

// Thrown by parse_size() and parse_duration(): the message says what is wrong with the text and
// which spellings are accepted; the scenario parser prefixes it with the file location.
class UnitError : public std::invalid_argument {
public:
	using std::invalid_argument::invalid_argument;
};

// A non-negative number, an optional fraction and a case-sensitive unit, optionally separated by
// spaces: "4096" (bytes), "512B", "4KiB" = "4K" = 4096, "1.5GiB"; binary K/KiB M/MiB G/GiB T/TiB,
// decimal kB MB GB TB. The result must be a whole number of bytes. Throws UnitError.
std::int64_t parse_size(std::string_view text);

// Like parse_size() with units ns, us, ms, s, m, h; a bare number means seconds: "500ms", "1.5s",
// "30" = "30s". The result must be a whole number of nanoseconds. Throws UnitError.
std::int64_t parse_duration(std::string_view text);

// The shortest exact spelling parse_size() reads back: 4096 -> "4KiB", 1000 -> "1000B".
std::string format_size(std::int64_t bytes);

// The shortest exact spelling parse_duration() reads back: 90e9 -> "90s", 1.5e9 -> "1500ms".
std::string format_duration(std::int64_t nanoseconds);

}  // namespace kmh
