// How the scenario parser learns which collectors [collect] may name and which run when it names none.
#pragma once

#include <string>
#include <vector>

namespace kmh {

// main passes collector_names(collector_registry()) (collect/collector_registry.h).
struct CollectorNames {
	std::vector<std::string> accepted;  // every registered collector, in registration order
	std::vector<std::string> defaults;  // what runs when [collect] names no collectors
};

}  // namespace kmh
