// Reading [[collect.usdt]]: the USDT probes the usdt collector counts, named one by one or by preset.
#pragma once

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "scenario/scenario.h"

namespace kmh {

// The probes of [collect]'s `usdt` array of tables (nullptr: none), presets expanded, in order.
// Throws invalid_input naming file:line:column, the table, the key and what is accepted.
std::vector<UsdtProbeSpec> read_usdt_probes(const toml::node *usdt, const std::string &file_name);

// The most arguments a USDT probe has (sys/sdt.h's STAP_PROBE12).
inline constexpr int usdt_max_args = 12;

}  // namespace kmh
