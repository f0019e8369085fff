// Headless Chromium for the HTML report tests: its command line, and reading back the size of a PNG screenshot.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kmh::integration {

// chromium headless, sandbox and network services off, with its profile in `profile_dir`; the
// caller appends --dump-dom or --screenshot and the page's URL.
std::vector<std::string> chromium_command(const std::string &profile_dir);

// The width and height an image's PNG header (IHDR) states; nothing when the file is not a PNG.
std::optional<std::pair<unsigned, unsigned>> png_size(const std::string &path);

}  // namespace kmh::integration
