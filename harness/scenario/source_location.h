// Where in a scenario file something was written, for error messages.
#pragma once

#include <string>

namespace kmh {

struct SourceLocation {
	std::string file;
	int line = 0;
	int column = 0;

	// "file:line:column"; only `file` for what has no line, such as a command-line option.
	std::string to_string() const
	{
		if (line == 0)
			return file;
		return file + ":" + std::to_string(line) + ":" + std::to_string(column);
	}
};

}  // namespace kmh
