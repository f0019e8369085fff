// How the scenario parser learns which collectors [collect] may name and which run when it names none.
#pragma once

#include <string>
#include <vector>

namespace kmh {

// load_scenario() (cli/run_command.cpp) passes collector_names(collector_registry()) from collect/.
struct CollectorNames {
	std::vector<std::string> accepted;  // every registered collector, in registration order
	std::vector<std::string> defaults;  // what runs when [collect] names no collectors
};

}  // namespace kmh
