// Small whole-file reads and writes for /proc, /sys and cgroup files.
#pragma once

#include <optional>
#include <string>

namespace kmh {

// The whole file, or nullopt when it cannot be opened.
std::optional<std::string> read_text_file(const std::string &path);
// Throws run_error naming the file when the write fails.
void write_text_file(const std::string &path, const std::string &text);

}  // namespace kmh
