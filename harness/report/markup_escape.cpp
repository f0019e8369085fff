// Entity escaping shared by junit.xml and the HTML reports.
#include "report/markup_escape.h"

namespace kmh {

namespace {

bool is_forbidden_in_xml(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

}  // namespace

std::string markup_escape(std::string_view text)
{
	std::string escaped;
	escaped.reserve(text.size());
	for (char c : text) {
		switch (c) {
		case '&':
			escaped += "&amp;";
			break;
		case '<':
			escaped += "&lt;";
			break;
		case '>':
			escaped += "&gt;";
			break;
		case '"':
			escaped += "&quot;";
			break;
		case '\'':
			escaped += "&apos;";
			break;
		default:
			escaped += is_forbidden_in_xml(static_cast<unsigned char>(c)) ? "\xEF\xBF\xBD" : std::string(1, c);
		}
	}
	return escaped;
}

}  // namespace kmh
