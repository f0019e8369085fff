// The HTML report's forest plot: every decided change with its interval, on one common axis of relative change.
#pragma once

#include <string>
#include <vector>

namespace kmh {

struct ForestRow {
	std::string label;   // the selector
	double estimate;     // relative change, %
	double low;          // its interval, %
	double high;
	std::string kind;    // css class: regressed, improved, changed
};

// An inline SVG (class "forest"): one line per row from low to high with a dot at the estimate
// (class "forest-row <kind>", data-forest-metric=<label>), a zero line, the +-min effect band, and an
// axis symmetric around 0 that holds every finite bound up to +-400%; a bound beyond the axis (or
// infinite) is drawn to its edge with an arrow head and its value in the tooltip.
std::string forest_plot_svg(const std::vector<ForestRow> &rows, double min_effect_percent);

}  // namespace kmh
