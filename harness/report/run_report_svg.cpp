// Fixed-size SVG canvases scaled to the largest value; report.html embeds them as they are.
#include "report/run_report_svg.h"

#include <algorithm>

#include <fmt/format.h>

#include "report/markup_escape.h"

namespace kmh {

namespace {

constexpr double chart_height = 160;  // the tallest bar
constexpr double bar_step = 34;       // a bar and the gap after it
constexpr double bar_thickness = 24;
constexpr double axis_room = 70;      // left of the bars: the scale
constexpr double label_room = 40;     // under the bars: their labels
constexpr double cell_width = 92;
constexpr double cell_height = 26;
constexpr double header_room = 24;

// A count as it reads in a small space: 1234567 -> 1.23M.
std::string short_number(double value)
{
	if (value >= 1e9)
		return fmt::format("{:.3g}G", value / 1e9);
	if (value >= 1e6)
		return fmt::format("{:.3g}M", value / 1e6);
	if (value >= 1e4)
		return fmt::format("{:.3g}k", value / 1e3);
	return fmt::format("{:.4g}", value);
}

}  // namespace

std::string bar_chart_svg(const std::string &metric, const std::string &label_prefix,
			  const std::vector<LabelledValue> &values)
{
	double highest = 0;
	for (const LabelledValue &value : values)
		highest = std::max(highest, value.value);
	double width = axis_room + bar_step * static_cast<double>(values.size()) + 10;
	double height = chart_height + label_room + 10;
	std::string text = fmt::format("<svg class=\"bars\" data-metric=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" "
				       "width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">",
				       markup_escape(metric), width, height, width, height);
	text += fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"10\" x2=\"{0}\" y2=\"{1}\"/>"
			    "<text class=\"tick\" x=\"{2}\" y=\"16\" text-anchor=\"end\">{3}</text>"
			    "<text class=\"tick\" x=\"{2}\" y=\"{1}\" text-anchor=\"end\">0</text>",
			    axis_room - 4, chart_height + 10, axis_room - 8, short_number(highest));
	for (std::size_t i = 0; i < values.size(); i++) {
		double bar = highest == 0 ? 0 : values[i].value / highest * chart_height;
		double x = axis_room + bar_step * static_cast<double>(i);
		std::string label = markup_escape(label_prefix + values[i].label);
		text += fmt::format("<rect class=\"bar\" data-label=\"{}\" x=\"{}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\">"
				    "<title>{}: {}</title></rect>",
				    label, x, chart_height + 10 - bar, bar_thickness, bar, label, fmt::format("{:.15g}", values[i].value));
		text += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
				    x + bar_thickness / 2, chart_height + 26, markup_escape(values[i].label));
	}
	return text + "</svg>";
}

std::string heat_map_svg(const std::string &metric, const OrderMigratetypeGrid &grid)
{
	double width = axis_room + cell_width * static_cast<double>(grid.migratetypes.size());
	double height = header_room + cell_height * static_cast<double>(grid.orders.size());
	std::string text = fmt::format("<svg class=\"heat\" data-metric=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" "
				       "width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">",
				       markup_escape(metric), width, height, width, height);
	for (std::size_t c = 0; c < grid.migratetypes.size(); c++)
		text += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"16\" text-anchor=\"middle\">{}</text>",
				    axis_room + cell_width * (static_cast<double>(c) + 0.5), markup_escape(grid.migratetypes[c]));
	for (std::size_t r = 0; r < grid.orders.size(); r++) {
		double y = header_room + cell_height * static_cast<double>(r);
		text += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">order {}</text>", axis_room - 8,
				    y + 17, grid.orders[r]);
		for (std::size_t c = 0; c < grid.migratetypes.size(); c++) {
			auto found = grid.cells.find({grid.orders[r], grid.migratetypes[c]});
			double value = found == grid.cells.end() ? 0 : found->second;
			double shade = grid.highest == 0 ? 0 : value / grid.highest;
			double x = axis_room + cell_width * static_cast<double>(c);
			text += fmt::format("<rect class=\"cell\" data-order=\"{}\" data-migratetype=\"{}\" x=\"{}\" y=\"{}\" "
					    "width=\"{}\" height=\"{}\" fill=\"rgb(200,60,30)\" fill-opacity=\"{:.3f}\"/>"
					    "<text class=\"value\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>",
					    grid.orders[r], markup_escape(grid.migratetypes[c]), x, y, cell_width - 2, cell_height - 2,
					    shade, x + cell_width / 2, y + 17, short_number(value));
		}
	}
	return text + "</svg>";
}

}  // namespace kmh
