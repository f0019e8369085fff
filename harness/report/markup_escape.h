// Escaping text for XML and HTML documents (junit.xml, the HTML reports).
#pragma once

#include <string>
#include <string_view>

namespace kmh {

// & < > " ' as entities; control characters XML 1.0 forbids (all below 0x20 but tab, newline and
// carriage return, not even escaped) become U+FFFD. Valid in HTML text and attributes too.
std::string markup_escape(std::string_view text);

}  // namespace kmh
