// Why a test cannot run when a program it needs is not installed, naming the Debian package (scripts/external-programs.tsv).
#pragma once

#include <optional>
#include <string>

namespace kmh::integration {

// "perf is not installed: install it with `apt-get install linux-perf`" when `program` is not
// in PATH; nothing when it is.
std::optional<std::string> program_gap(const std::string &program);

}  // namespace kmh::integration
