// Where in a scenario file something was written, for error messages.
#pragma once

#include <string>

namespace kmh {

struct SourceLocation {
	std::string file;
	int line = 0;
	int column = 0;

	std::string to_string() const
	{
		return file + ":" + std::to_string(line) + ":" + std::to_string(column);
	}
};

}  // namespace kmh
