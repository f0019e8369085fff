// Drawing the forest plot: a shared percent axis, clipped at its edges, with the minimum-effect band.
#include "compare/forest_plot.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "report/markup_escape.h"

namespace kmh {

namespace {

constexpr double label_width = 430;
constexpr double plot_width = 420;
constexpr double row_height = 18;
constexpr double top = 24;
constexpr double largest_axis = 400;

double axis_bound(const std::vector<ForestRow> &rows, double min_effect_percent)
{
	double bound = std::max(1.0, 2 * min_effect_percent);
	for (const ForestRow &row : rows)
		for (double value : {row.estimate, row.low, row.high})
			if (std::isfinite(value))
				bound = std::max(bound, std::fabs(value));
	return std::min(bound * 1.1, largest_axis);
}

struct Axis {
	double bound;

	double x(double percent) const
	{
		double clipped = std::isnan(percent) ? 0 : std::clamp(percent, -bound, bound);
		return label_width + (clipped + bound) / (2 * bound) * plot_width;
	}
	bool clipped(double percent) const { return !std::isfinite(percent) || std::fabs(percent) > bound; }
};

std::string percent_text(double percent)
{
	return std::isinf(percent) ? (percent > 0 ? "+inf%" : "-inf%") : fmt::format("{:+.2f}%", percent);
}

std::string axis_svg(const Axis &axis, double height, double min_effect_percent)
{
	std::string text = fmt::format("<rect class=\"forest-band\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
				       "fill=\"#eee\"><title>+-min effect ({}%)</title></rect>",
				       axis.x(-min_effect_percent), top - 6, axis.x(min_effect_percent) - axis.x(-min_effect_percent),
				       height - top + 6, min_effect_percent);
	for (double fraction : {-1.0, -0.5, 0.0, 0.5, 1.0}) {
		double percent = fraction * axis.bound;
		text += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\"/>"
				    "<text class=\"axis\" x=\"{0:.1f}\" y=\"{4}\" text-anchor=\"middle\">{5:+.3g}%</text>",
				    axis.x(percent), top - 6, height, fraction == 0 ? "#222" : "#ccc", top - 10, percent);
	}
	return text;
}

std::string row_svg(const ForestRow &row, const Axis &axis, double y)
{
	std::string tooltip = fmt::format("{}: {} ({} .. {})", row.label, percent_text(row.estimate), percent_text(row.low),
					  percent_text(row.high));
	std::string text = fmt::format("<g class=\"forest-row {}\" data-forest-metric=\"{}\"><title>{}</title>", row.kind,
				       markup_escape(row.label), markup_escape(tooltip));
	text += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", label_width - 6, y + 4,
			    markup_escape(row.label));
	text += fmt::format("<line class=\"forest-interval\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" "
			    "stroke=\"#444\" stroke-width=\"2\"/>",
			    axis.x(row.low), axis.x(row.high), y, y);
	for (double bound : {row.low, row.high})
		if (axis.clipped(bound))
			text += fmt::format("<text class=\"forest-clipped\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
					    axis.x(bound), y + 4, bound > 0 ? "&#9654;" : "&#9664;");
	text += fmt::format("<circle class=\"forest-estimate\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4\"/></g>", axis.x(row.estimate), y);
	return text;
}

}  // namespace

std::string forest_plot_svg(const std::vector<ForestRow> &rows, double min_effect_percent)
{
	Axis axis{axis_bound(rows, min_effect_percent)};
	double height = top + row_height * static_cast<double>(rows.size()) + 6;
	std::string text = fmt::format("<svg class=\"forest\" width=\"{}\" height=\"{}\" "
				       "role=\"img\" aria-label=\"relative change and its interval, one axis for every row\">",
				       label_width + plot_width + 20, height);
	text += axis_svg(axis, height, min_effect_percent);
	for (std::size_t i = 0; i < rows.size(); ++i)
		text += row_svg(rows[i], axis, top + row_height * (static_cast<double>(i) + 0.5));
	return text + "</svg>";
}

}  // namespace kmh
