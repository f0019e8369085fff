// Turning free-text names into path-safe, unique test name components.
#include "report/test_names.h"

#include <set>

namespace kmh {

namespace {

bool path_safe(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

std::string path_component(const std::string &name)
{
	std::string component;
	for (char c : name) {
		char kept = path_safe(c) ? c : '_';
		if (kept != '_' || (!component.empty() && component.back() != '_'))
			component += kept;
	}
	while (!component.empty() && component.back() == '_')
		component.pop_back();
	return component.empty() ? "unnamed" : component;
}

std::vector<std::string> unique_path_components(const std::vector<std::string> &names)
{
	std::set<std::string> taken;
	std::vector<std::string> components;
	for (const std::string &name : names) {
		std::string base = path_component(name);
		std::string component = base;
		for (int n = 2; !taken.insert(component).second; n++)
			component = base + "_" + std::to_string(n);
		components.push_back(component);
	}
	return components;
}

}  // namespace kmh
