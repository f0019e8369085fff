// Assertion and scenario names as components of dotted test names (KCIDB paths, LAVA test cases).
#pragma once

#include <string>
#include <vector>

namespace kmh {

// The name with every character other than A-Z, a-z, 0-9, '_' and '-' turned into '_', runs of
// '_' made one and '_' trimmed from both ends; "unnamed" when nothing is left.
std::string path_component(const std::string &name);

// path_component() of each name, with "_2", "_3", … after a component an earlier name already gave.
std::vector<std::string> unique_path_components(const std::vector<std::string> &names);

// The assertions' components in a run, in order: one per assertion, no two alike.
template <typename Assertions>
std::vector<std::string> assertion_components(const Assertions &assertions)
{
	std::vector<std::string> names;
	for (const auto &assertion : assertions)
		names.push_back(assertion.name);
	return unique_path_components(names);
}

}  // namespace kmh
