// A process's memory map (/proc/<pid>/maps): which files it has mapped, its C library among them.
#pragma once

#include <optional>
#include <string>

namespace kmh {

// The text of /proc/<pid>/maps, or nullopt when the process is gone.
std::optional<std::string> read_process_maps(int pid);

// The path of the C library (libc.so.6, libc-2.31.so) mapped in `maps_text`, or nullopt
// (a statically linked program).
std::optional<std::string> mapped_libc_path(const std::string &maps_text);

// The path of the file `binary` names among those mapped in `maps_text`: "libc" the C library
// (mapped_libc_path), an absolute path that very file, another name the first mapped file of that
// name ("kmemharness"); nullopt when the process maps none.
std::optional<std::string> mapped_file_path(const std::string &maps_text, const std::string &binary);

}  // namespace kmh
