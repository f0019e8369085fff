// Small whole-file reads and writes: /proc, /sys and cgroup files, and reports written atomically.
#pragma once

#include <optional>
#include <string>

namespace kmh {

// The whole file, or nullopt when it cannot be opened.
std::optional<std::string> read_text_file(const std::string &path);
// Throws run_error naming the file when the write fails.
void write_text_file(const std::string &path, const std::string &text);
// Writes content to path.tmp and renames it to path, so no reader ever sees half a file.
// Throws run_error naming the file when the write or the rename fails.
void write_file_atomically(const std::string &path, const std::string &content);

}  // namespace kmh
