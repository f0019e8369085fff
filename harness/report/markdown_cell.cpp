// Text made safe for one cell of a Markdown table.
#include "report/markdown_cell.h"

namespace kmh {

std::string markdown_cell(const std::string &text)
{
	std::string escaped;
	for (char c : text) {
		if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<')
			escaped += '\\';
		escaped += c == '\n' ? ' ' : c;
	}
	return escaped;
}

}  // namespace kmh
