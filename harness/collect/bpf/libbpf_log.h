// Captures libbpf's messages so a failed load can say why, instead of spraying stderr.
#pragma once

#include <string>

namespace kmh {

// Route libbpf's output into an internal buffer (and to stderr too when verbose).
void capture_libbpf_log(bool verbose);
// The last lines libbpf printed since the previous call, then forget them.
std::string take_libbpf_log(std::size_t max_lines = 12);

}  // namespace kmh
