// Inline SVG drawn from numbers: strip plots of two samples and grouped A/B bars.
#pragma once

#include <string>
#include <vector>

namespace kmh {

// One row of dots per side (class "dot dot-a" / "dot dot-b"), each side's mean as a tick.
std::string strip_plot_svg(const std::string &title, const std::vector<double> &baseline,
			   const std::vector<double> &candidate);

struct BarGroup {
	std::string label;  // e.g. "cpu 0"
	double baseline = 0;
	double candidate = 0;
};

// A pair of bars per group (class "bar bar-a" / "bar bar-b", data-group="<label>").
std::string grouped_bars_svg(const std::string &title, const std::vector<BarGroup> &groups);

}  // namespace kmh
