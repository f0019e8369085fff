// Builders for the OptionSpec rows of workload descriptors, one per option type, and byte units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scenario/option.h"

namespace kmh {

inline constexpr std::int64_t KiB = 1024;
inline constexpr std::int64_t MiB = 1024 * KiB;
inline constexpr std::int64_t GiB = 1024 * MiB;
inline constexpr std::int64_t TiB = 1024 * GiB;

OptionSpec integer_option(std::string name, std::string help, std::int64_t fallback, std::int64_t min, std::int64_t max);
OptionSpec size_option(std::string name, std::string help, std::int64_t fallback, std::int64_t min, std::int64_t max);
OptionSpec duration_option(std::string name, std::string help, std::int64_t fallback, std::int64_t min, std::int64_t max);
OptionSpec boolean_option(std::string name, std::string help, bool fallback);
// fallback nullopt: the option is required.
OptionSpec string_option(std::string name, std::string help, std::optional<std::string> fallback);
OptionSpec choice_option(std::string name, std::string help, std::string fallback, std::vector<std::string> choices);
// Defaults to the empty map.
OptionSpec string_map_option(std::string name, std::string help);

}  // namespace kmh
