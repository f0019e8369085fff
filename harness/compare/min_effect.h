// The minimum effect below which no change is "changed": one default, optionally per metric family.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "compare/sample_comparison.h"

namespace kmh {

struct MinEffect {
	double default_percent = default_min_effect_percent;
	std::map<std::string, double> family_percent;  // "slab.kmalloc" covers slab.kmalloc.events, ...

	// The entry of the longest family that is the name or a dot-separated prefix of it, else the default.
	double for_metric(const std::string &metric_name) const;
};

// "2%", "0.5 %": the number of percent. Throws kmh::Error (invalid_input) naming `origin`.
double parse_percent(const std::string &text, const std::string &origin);

// The `min_effect` of a scenario's [compare] table: either "N%" for every metric, or a table of
// family = "N%" (key `default` for the rest). None when absent. Throws kmh::Error (invalid_input).
std::optional<MinEffect> scenario_min_effect(const std::string &scenario_text, const std::string &origin);

}  // namespace kmh
