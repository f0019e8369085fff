// Rendering a metric's history: aligned text columns, and an inline-SVG time plot in a page of its own.
#include "index/history_report.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <iomanip>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "assertions/assertion_evaluator.h"
#include "report/markup_escape.h"

namespace kmh {

namespace {

// The canvas and the margins around the plotting area, in SVG pixels.
struct PlotFrame {
	double width, height, left, right, top, bottom;
};
constexpr PlotFrame frame{760, 320, 90, 20, 20, 50};

const char *const kernel_colours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};

std::string value_cell(double value)
{
	return std::isnan(value) ? "-" : format_value(value);
}

// Seconds since the epoch of an ISO 8601 UTC time ("2026-12-02T07:30:34Z"); 0 when unreadable.
double epoch_seconds(const std::string &iso)
{
	std::tm parts{};
	std::istringstream in(iso);
	in >> std::get_time(&parts, "%Y-%m-%dT%H:%M:%S");
	return in.fail() ? 0 : static_cast<double>(timegm(&parts));
}

struct Summary {
	int runs = 0;
	int valued = 0;
	double sum = 0;
	double low = INFINITY;
	double high = -INFINITY;
};

// Per (kernel, machine), in the order first seen.
std::vector<std::pair<std::pair<std::string, std::string>, Summary>> summaries(const MetricHistory &history)
{
	std::vector<std::pair<std::pair<std::string, std::string>, Summary>> rows;
	for (const HistoryPoint &point : history.points) {
		std::pair<std::string, std::string> key{point.run.kernel_release, point.run.machine};
		auto row = std::find_if(rows.begin(), rows.end(), [&](const auto &r) { return r.first == key; });
		if (row == rows.end())
			row = rows.insert(rows.end(), {key, Summary{}});
		Summary &s = row->second;
		s.runs++;
		if (std::isnan(point.value))
			continue;
		s.valued++;
		s.sum += point.value;
		s.low = std::min(s.low, point.value);
		s.high = std::max(s.high, point.value);
	}
	return rows;
}

std::string mean_cell(const Summary &s)
{
	return s.valued ? format_value(s.sum / s.valued) : "-";
}

}  // namespace

std::string history_table_text(const MetricHistory &history)
{
	std::string text = fmt::format("{} of scenario {}: {} run(s) on {} kernel(s)\n\n", history.metric, history.scenario,
				       history.points.size(), history_kernels(history).size());
	text += fmt::format("{:<22} {:<16} {:<26} {:<11} {:>14}\n", "started", "machine", "kernel", "status", "value");
	for (const HistoryPoint &point : history.points)
		text += fmt::format("{:<22} {:<16} {:<26} {:<11} {:>14}\n", point.run.started_at, point.run.machine,
				    point.run.kernel_release, point.run.status, value_cell(point.value));
	text += fmt::format("\n{:<26} {:<16} {:>5} {:>14} {:>14} {:>14}\n", "kernel", "machine", "runs", "mean", "min", "max");
	for (const auto &[key, s] : summaries(history))
		text += fmt::format("{:<26} {:<16} {:>5} {:>14} {:>14} {:>14}\n", key.first, key.second, s.runs, mean_cell(s),
				    s.valued ? format_value(s.low) : "-", s.valued ? format_value(s.high) : "-");
	for (const HistoryPoint &point : history.points)
		if (std::isnan(point.value))
			text += fmt::format("note: {} gives no value: {}\n", point.run.path, point.detail);
	for (const std::string &note : history.notes)
		text += "note: " + note + "\n";
	return text;
}

namespace {

struct Axes {
	double t_low, t_high, v_low, v_high;

	double x(double t) const
	{
		double span = frame.width - frame.left - frame.right;
		return frame.left + (t_high == t_low ? span / 2 : (t - t_low) / (t_high - t_low) * span);
	}
	double y(double v) const
	{
		double span = frame.height - frame.top - frame.bottom;
		return frame.height - frame.bottom - (v_high == v_low ? span / 2 : (v - v_low) / (v_high - v_low) * span);
	}
};

Axes axes_of(const MetricHistory &history)
{
	Axes axes{INFINITY, -INFINITY, 0, -INFINITY};
	for (const HistoryPoint &point : history.points) {
		if (std::isnan(point.value))
			continue;
		double t = epoch_seconds(point.run.started_at);
		axes.t_low = std::min(axes.t_low, t);
		axes.t_high = std::max(axes.t_high, t);
		axes.v_low = std::min(axes.v_low, point.value);
		axes.v_high = std::max(axes.v_high, point.value);
	}
	if (axes.t_low > axes.t_high)
		return {0, 0, 0, 0};
	return axes;
}

std::string frame_svg(const Axes &axes, const MetricHistory &history)
{
	double bottom = frame.height - frame.bottom;
	std::string text = fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>"
				       "<line class=\"axis\" x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\"/>",
				       frame.left, frame.top, bottom, frame.width - frame.right);
	for (double v : {axes.v_low, (axes.v_low + axes.v_high) / 2, axes.v_high})
		text += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", frame.left - 6,
				    axes.y(v) + 4, format_value(v));
	std::string first = history.points.front().run.started_at, last = history.points.back().run.started_at;
	text += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\">{}</text>", frame.left, bottom + 18, markup_escape(first));
	text += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", frame.width - frame.right,
			    bottom + 36, markup_escape(last));
	return text;
}

std::string series_svg(const Axes &axes, const MetricHistory &history, const std::vector<std::string> &kernels)
{
	std::map<std::pair<std::string, std::string>, std::string> lines;  // (kernel, machine) -> polyline points
	std::string dots;
	for (const HistoryPoint &point : history.points) {
		if (std::isnan(point.value))
			continue;
		std::size_t k = std::find(kernels.begin(), kernels.end(), point.run.kernel_release) - kernels.begin();
		double x = axes.x(epoch_seconds(point.run.started_at)), y = axes.y(point.value);
		lines[{point.run.kernel_release, point.run.machine}] += fmt::format("{:.1f},{:.1f} ", x, y);
		dots += fmt::format("<circle class=\"point\" data-kernel=\"{}\" data-machine=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" "
				    "r=\"5\" fill=\"{}\"><title>{} {} {}: {}</title></circle>",
				    markup_escape(point.run.kernel_release), markup_escape(point.run.machine), x, y,
				    kernel_colours[k % std::size(kernel_colours)], markup_escape(point.run.started_at),
				    markup_escape(point.run.machine), markup_escape(point.run.kernel_release), format_value(point.value));
	}
	std::string text;
	for (const auto &[key, points] : lines) {
		std::size_t k = std::find(kernels.begin(), kernels.end(), key.first) - kernels.begin();
		text += fmt::format("<polyline class=\"run-line\" fill=\"none\" stroke=\"{}\" points=\"{}\"/>",
				    kernel_colours[k % std::size(kernel_colours)], points);
	}
	return text + dots;
}

std::string legend_html(const std::vector<std::string> &kernels)
{
	std::string text = "<p class=\"legend\">";
	for (std::size_t k = 0; k < kernels.size(); k++)
		text += fmt::format("<span class=\"key\" style=\"color:{}\">&#9679; {}</span> ",
				    kernel_colours[k % std::size(kernel_colours)], markup_escape(kernels[k]));
	return text + "</p>";
}

std::string runs_table_html(const MetricHistory &history)
{
	std::string text = "<table class=\"runs\"><tr><th>started</th><th>machine</th><th>kernel</th><th>status</th>"
			   "<th>value</th><th>result.json</th></tr>";
	for (const HistoryPoint &point : history.points)
		text += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
				    markup_escape(point.run.started_at), markup_escape(point.run.machine),
				    markup_escape(point.run.kernel_release), markup_escape(point.run.status),
				    value_cell(point.value), markup_escape(point.run.path));
	return text + "</table>";
}

const char *const history_style = R"(
body { font-family: sans-serif; margin: 1.5em; color: #222; }
svg.history { background: #fff; border: 1px solid #ccc; }
.axis { stroke: #444; } .tick { font-size: 11px; fill: #444; }
.run-line { stroke-width: 1.5; opacity: 0.7; }
table.runs { border-collapse: collapse; margin-top: 1em; font-size: 13px; }
table.runs td, table.runs th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.key { margin-right: 1.5em; }
)";

}  // namespace

std::string history_html(const MetricHistory &history)
{
	std::vector<std::string> kernels = history_kernels(history);
	Axes axes = axes_of(history);
	std::string title = fmt::format("{}: {}", history.scenario, history.metric);
	std::string svg = fmt::format("<svg class=\"history\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" "
				      "viewBox=\"0 0 {} {}\">{}{}</svg>",
				      frame.width, frame.height, frame.width, frame.height, frame_svg(axes, history),
				      series_svg(axes, history, kernels));
	return fmt::format("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{0}</title><style>{1}</style></head>"
			   "<body><h1>{0}</h1><p>{2} run(s) from the result index, value against start time (UTC); one colour "
			   "per kernel, one line per kernel and machine.</p>{3}{4}{5}</body></html>\n",
			   markup_escape(title), history_style, history.points.size(), legend_html(kernels), svg,
			   runs_table_html(history));
}

}  // namespace kmh
