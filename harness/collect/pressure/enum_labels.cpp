// Naming kernel enum values for labels: the enumerator without its common prefix, in lower case.
#include "collect/pressure/enum_labels.h"

#include <algorithm>
#include <cctype>

namespace kmh {

EnumLabels enum_labels(const std::map<std::string, long long> &enumerators, std::string_view prefix)
{
	EnumLabels labels;
	for (const auto &[enumerator, value] : enumerators) {
		std::string name = enumerator.starts_with(prefix) ? enumerator.substr(prefix.size()) : enumerator;
		std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
		labels.emplace(value, name);
	}
	return labels;
}

std::string enum_label(const EnumLabels &labels, long long value, std::string_view unknown)
{
	auto found = labels.find(value);
	if (found != labels.end())
		return found->second;
	return std::string(unknown) + "_" + std::to_string(value);
}

}  // namespace kmh
