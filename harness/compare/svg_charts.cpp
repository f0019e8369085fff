// Scales values onto fixed-size SVG canvases; the HTML report embeds the result as is.
#include "compare/svg_charts.h"

#include <algorithm>

#include <fmt/format.h>

#include "compare/compare_report.h"
#include "report/markup_escape.h"

namespace kmh {

namespace {

constexpr double strip_width = 420;
constexpr double strip_margin = 40;
constexpr double bar_height = 140;
constexpr double bar_width = 18;
constexpr double group_width = 56;

struct Range {
	double low;
	double high;

	double position(double value, double span) const
	{
		return high == low ? span / 2 : (value - low) / (high - low) * span;
	}
};

Range range_of(const std::vector<double> &a, const std::vector<double> &b)
{
	std::vector<double> all(a);
	all.insert(all.end(), b.begin(), b.end());
	if (all.empty())
		return {0, 0};
	auto [low, high] = std::minmax_element(all.begin(), all.end());
	return {*low, *high};
}

double mean_of(const std::vector<double> &values)
{
	double sum = 0;
	for (double value : values)
		sum += value;
	return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

std::string strip_row(const std::vector<double> &values, const Range &range, double y, char side)
{
	std::string text = fmt::format("<text x=\"2\" y=\"{}\" class=\"side\">{}</text>", y + 4, side == 'a' ? 'A' : 'B');
	double span = strip_width - 2 * strip_margin;
	for (double value : values)
		text += fmt::format("<circle class=\"dot dot-{}\" cx=\"{:.1f}\" cy=\"{}\" r=\"4\"><title>{}</title></circle>", side,
				    strip_margin + range.position(value, span), y, value_text(value));
	if (!values.empty())
		text += fmt::format("<line class=\"mean mean-{0}\" x1=\"{1:.1f}\" x2=\"{1:.1f}\" y1=\"{2}\" y2=\"{3}\"/>", side,
				    strip_margin + range.position(mean_of(values), span), y - 9, y + 9);
	return text;
}

}  // namespace

std::string strip_plot_svg(const std::string &title, const std::vector<double> &baseline,
			   const std::vector<double> &candidate)
{
	Range range = range_of(baseline, candidate);
	std::string body = strip_row(baseline, range, 18, 'a') + strip_row(candidate, range, 42, 'b');
	body += fmt::format("<text x=\"{}\" y=\"62\" class=\"axis\">{}</text>", strip_margin, value_text(range.low));
	body += fmt::format("<text x=\"{}\" y=\"62\" class=\"axis\" text-anchor=\"end\">{}</text>", strip_width - strip_margin,
			    value_text(range.high));
	return fmt::format("<svg class=\"strip\" data-metric=\"{0}\" width=\"{1}\" height=\"66\" viewBox=\"0 0 {1} 66\" "
			   "role=\"img\" aria-label=\"{0}\">{2}</svg>",
			   markup_escape(title), strip_width, body);
}

std::string grouped_bars_svg(const std::string &title, const std::vector<BarGroup> &groups)
{
	double highest = 0;
	for (const BarGroup &group : groups)
		highest = std::max({highest, group.baseline, group.candidate});
	auto height = [highest](double value) { return highest == 0 ? 0 : value / highest * bar_height; };
	double width = std::max(120.0, group_width * static_cast<double>(groups.size()) + 20);
	std::string body;
	for (std::size_t i = 0; i < groups.size(); i++) {
		const BarGroup &group = groups[i];
		double x = 20 + group_width * static_cast<double>(i);
		std::string label = markup_escape(group.label);
		for (auto [side, value, offset] : {std::tuple{'a', group.baseline, 0.0}, std::tuple{'b', group.candidate, bar_width}})
			body += fmt::format("<rect class=\"bar bar-{}\" data-group=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" "
					    "height=\"{:.1f}\"><title>{} {}: {}</title></rect>",
					    side, label, x + offset, 10 + bar_height - height(value), bar_width, height(value),
					    label, side == 'a' ? "baseline" : "candidate", value_text(value));
		body += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"axis\">{}</text>", x, bar_height + 26, label);
	}
	return fmt::format("<svg class=\"bars\" data-metric=\"{0}\" width=\"{1}\" height=\"{2}\" viewBox=\"0 0 {1} {2}\" "
			   "role=\"img\" aria-label=\"{0}\">{3}</svg>",
			   markup_escape(title), width, bar_height + 34, body);
}

}  // namespace kmh
