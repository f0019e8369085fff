// Text made safe for one cell of a Markdown table.
#pragma once

#include <string>

namespace kmh {

// The characters that would end the cell or start markup (| * _ ` <) escaped, line breaks folded.
std::string markdown_cell(const std::string &text);

}  // namespace kmh
