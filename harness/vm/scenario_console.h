// A guest's console split into the part each scenario printed, as /init marks them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kmh {

// The lines from one "kmemharness-scenario-begin <index>" line (excluded) up to the next one or
// the end, and where they start in the whole console.
struct ScenarioConsole {
	std::size_t index = 0;
	std::size_t first_line = 0;  // position of the part's first line in the console
	std::vector<std::string> lines;
};

// The boot's own lines: everything before the first scenario began.
std::vector<std::string> boot_console(const std::vector<std::string> &console);

// Every scenario's part, in console order. A begin line whose index is not a number is kept as
// a line of the part before it.
std::vector<ScenarioConsole> split_console_by_scenario(const std::vector<std::string> &console);

}  // namespace kmh
