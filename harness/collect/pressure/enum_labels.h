// Label text for a kernel enum's values, from the enumerators its BTF names ("MR_COMPACTION" -> "compaction").
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace kmh {

using EnumLabels = std::map<long long, std::string>;

// Each value's enumerator with `prefix` dropped and lowercased (an enumerator without the prefix is
// only lowercased); of two enumerators with one value, the first by name.
EnumLabels enum_labels(const std::map<std::string, long long> &enumerators, std::string_view prefix);

// The label of `value`, or "<unknown>_<value>" ("reason_12") for a value BTF does not name.
std::string enum_label(const EnumLabels &labels, long long value, std::string_view unknown);

}  // namespace kmh
