// Assembles the HTML report: tables, strip plots, per-CPU bars and order x migratetype heat maps.
#include "compare/html_report.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "compare/forest_plot.h"
#include "compare/order_effects.h"
#include "compare/report_sections.h"
#include "compare/svg_charts.h"
#include "metrics/migratetype_order.h"
#include "report/markup_escape.h"

namespace kmh {

namespace {

const char *const page_style = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}
.regressed{color:#b00;font-weight:bold}.improved{color:#070;font-weight:bold}.changed{color:#a60}
.dot-a,.bar-a{fill:#3b6fb6}.dot-b,.bar-b{fill:#e07b22}.dot{fill-opacity:.7}
.mean{stroke:#222;stroke-width:2}.axis,.side{font-size:11px;fill:#555}
.plots{display:flex;flex-wrap:wrap;gap:12px}.plot{border:1px solid #eee;padding:4px}
.grids{display:flex;flex-wrap:wrap;gap:24px}.fail{color:#b00;font-weight:bold}.pass{color:#070}
.key-a{color:#3b6fb6}.key-b{color:#e07b22}
)";

// The forest plot's rows at most (the decided changes beyond it are in the tables).
constexpr std::size_t forest_rows_shown = 40;

// Mean over runs of the sum per (order, migratetype) of the series of `name` matching `scope`.
using Grid = std::map<std::pair<int, std::string>, double>;

Grid order_migratetype_grid(const RunSet &set, const std::string &name, const std::string &scope)
{
	Grid grid;
	for (const LoadedRun &run : set.runs)
		for (const Metric &metric : run.result.metrics.all()) {
			auto order = metric.labels.find("order");
			auto migratetype = metric.labels.find("migratetype");
			auto metric_scope = metric.labels.find("scope");
			bool in_scope = scope.empty() || (metric_scope != metric.labels.end() && metric_scope->second == scope);
			if (metric.name != name || !in_scope || order == metric.labels.end() || migratetype == metric.labels.end())
				continue;
			grid[{std::stoi(order->second), migratetype->second}] +=
				metric.value / static_cast<double>(set.runs.size());
		}
	return grid;
}

std::vector<std::string> migratetype_columns(const std::vector<const Grid *> &grids)
{
	std::set<std::string> seen;
	for (const Grid *grid : grids)
		for (const auto &[cell, value] : *grid)
			seen.insert(cell.second);
	return in_migratetype_order(seen);
}

std::string heat_table(const std::string &caption, const char *side, const Grid &grid, const std::vector<int> &orders,
		       const std::vector<std::string> &columns, double highest)
{
	std::string text = fmt::format("<table class=\"heat heat-{}\"><caption>{}</caption><tr><th>order</th>", side,
				       markup_escape(caption));
	for (const std::string &column : columns)
		text += fmt::format("<th>{}</th>", markup_escape(column));
	text += "</tr>";
	for (int order : orders) {
		text += fmt::format("<tr><th>{}</th>", order);
		for (const std::string &column : columns) {
			auto found = grid.find({order, column});
			double value = found == grid.end() ? 0 : found->second;
			double alpha = highest == 0 ? 0 : value / highest;
			text += fmt::format("<td class=\"cell\" style=\"background:rgba(200,60,30,{:.2f})\">{}</td>", alpha,
					    value_text(value));
		}
		text += "</tr>";
	}
	return text + "</table>";
}

struct NamedGrid {
	std::string caption;
	const char *side;
	Grid grid;
};

// Heat tables sharing one colour scale and one set of rows and columns.
std::string heat_tables(const std::vector<NamedGrid> &grids)
{
	std::vector<const Grid *> all;
	std::set<int> orders;
	double highest = 0;
	for (const NamedGrid &named : grids) {
		all.push_back(&named.grid);
		for (const auto &[cell, value] : named.grid) {
			orders.insert(cell.first);
			highest = std::max(highest, value);
		}
	}
	if (orders.empty())
		return "<p>Not collected in these runs.</p>";
	std::vector<std::string> columns = migratetype_columns(all);
	std::vector<int> order_rows(orders.begin(), orders.end());
	std::string text = "<div class=\"grids\">";
	for (const NamedGrid &named : grids)
		text += heat_table(named.caption, named.side, named.grid, order_rows, columns, highest);
	return text + "</div>";
}

// "workload" when any run has a workload-scope series of `name`, else "system".
std::string preferred_scope(const CompareReport &report, const std::string &name)
{
	for (const RunSet *set : {&report.baseline, &report.candidate})
		for (const LoadedRun &run : set->runs)
			for (const Metric &metric : run.result.metrics.all())
				if (metric.name == name && metric.labels.count("scope") && metric.labels.at("scope") == "workload")
					return "workload";
	return "system";
}

std::set<std::string> cpus_of(const CompareReport &report, const std::string &name)
{
	std::set<std::string> cpus;
	for (const RunSet *set : {&report.baseline, &report.candidate})
		for (const LoadedRun &run : set->runs)
			for (const Metric &metric : run.result.metrics.all())
				if (metric.name == name && metric.labels.count("cpu"))
					cpus.insert(metric.labels.at("cpu"));
	return cpus;
}

double mean_of(const std::vector<double> &values)
{
	double sum = 0;
	for (double value : values)
		sum += value;
	return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

std::string per_cpu_bars(const CompareReport &report, const std::string &name)
{
	std::string scope = preferred_scope(report, name);
	std::set<std::string> cpu_labels = cpus_of(report, name);
	std::vector<std::string> cpus(cpu_labels.begin(), cpu_labels.end());
	std::sort(cpus.begin(), cpus.end(), [](const std::string &a, const std::string &b) { return std::stoi(a) < std::stoi(b); });
	std::vector<BarGroup> groups;
	for (const std::string &cpu : cpus) {
		Labels subset = {{"cpu", cpu}, {"scope", scope}};
		groups.push_back({"cpu " + cpu, mean_of(per_run_sums(report.baseline, name, subset)),
				  mean_of(per_run_sums(report.candidate, name, subset))});
	}
	std::string title = fmt::format("{}{{scope={}}} by cpu", name, scope);
	if (groups.empty())
		return fmt::format("<div class=\"plot\"><h3>{}</h3><p>Not collected in these runs.</p></div>", markup_escape(title));
	return fmt::format("<div class=\"plot\"><h3>{}</h3>{}</div>", markup_escape(title), grouped_bars_svg(title, groups));
}

std::string sides_section(const CompareReport &report)
{
	std::string text = "<ul>";
	for (auto [set, key] : {std::pair{&report.baseline, "a"}, std::pair{&report.candidate, "b"}}) {
		std::vector<std::string> files;
		for (const LoadedRun &run : set->runs)
			files.push_back(markup_escape(run.path));
		text += fmt::format("<li><b class=\"key-{}\">{} ({})</b>: {} run(s) on {}<br><small>{}</small></li>", key,
				    set->label, key[0] == 'a' ? 'A' : 'B', set->runs.size(),
				    markup_escape(fmt::format("{}", fmt::join(set->kernels(), ", "))), fmt::join(files, "<br>"));
	}
	return text + "</ul>";
}

std::string section_table(const ReportSection &section)
{
	std::vector<const MetricComparison *> shown = shown_rows(section);
	if (shown.empty())
		return "";
	std::string text = fmt::format("<h3>{}</h3><table class=\"metrics\" data-section=\"{}\"><tr><th>metric</th>"
				       "<th>baseline mean</th><th>candidate mean</th><th>gain</th><th>interval of the change</th>"
				       "<th>p (method)</th><th>q</th><th>verdict</th></tr>",
				       markup_escape(section.title), to_string(section.kind));
	for (const MetricComparison *row : shown) {
		const SampleComparison &stats = row->stats;
		std::string verdict = to_string(stats.verdict);
		text += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
				    "<td class=\"{}\">{}</td></tr>",
				    markup_escape(row->selector()), value_text(stats.a.mean), value_text(stats.b.mean),
				    gain_text(stats), interval_text(stats), p_text(stats), q_text(stats), verdict, verdict);
	}
	std::string hidden = hidden_rows_text(section);
	return text + "</table>" + (hidden.empty() ? "" : "<p>" + markup_escape(hidden) + "</p>");
}

std::string headline_table(const CompareReport &report)
{
	std::string text = "<h2>Every section</h2>";
	for (const ReportSection &section : report_sections(report.metrics))
		text += section_table(section);
	return text + fmt::format("<p>{} {}.</p>", markup_escape(verdict_legend(report)),
				  markup_escape(verdict_count_text(report)));
}

// The decided changes a reader should see first: every section but the idle state and one-side ones.
std::vector<const MetricComparison *> headline_changes(const CompareReport &report)
{
	std::vector<const MetricComparison *> changes;
	for (const ReportSection &section : report_sections(report.metrics))
		if (section.kind != SectionKind::idle_state && section.kind != SectionKind::one_side)
			for (const MetricComparison *row : section.rows)
				if (row->stats.decision == Decision::changed)
					changes.push_back(row);
	return changes;
}

std::string headline_section(const CompareReport &report)
{
	std::vector<const MetricComparison *> changes = headline_changes(report);
	std::string text = "<h2 id=\"headline\">What changed</h2>";
	if (changes.empty())
		text += "<p class=\"headline\">No series outside the idle-state and one-side sections was decided changed.</p>";
	else
		text += fmt::format("<p class=\"headline\">{} series decided changed; first: <code>{}</code> {} ({}, {}).</p>",
				    changes.size(), markup_escape(changes.front()->selector()), gain_text(changes.front()->stats),
				    interval_text(changes.front()->stats), to_string(changes.front()->stats.verdict));
	if (report.order && !position_effect_rows(report.metrics).empty())
		text += "<p class=\"headline fail\">Some differences follow the runs' position in their round, not their side: "
			"see <a href=\"#order\">Order effect</a>.</p>";
	std::vector<ForestRow> forest;
	for (const MetricComparison *row : changes) {
		if (forest.size() == forest_rows_shown)
			break;
		const SampleComparison &stats = row->stats;
		bool tested = stats.test == TestKind::mann_whitney;
		forest.push_back({row->selector(), tested ? stats.relative_change : stats.percent_change,
				  tested ? stats.relative_low : stats.percent_change, tested ? stats.relative_high : stats.percent_change,
				  to_string(stats.verdict)});
	}
	if (!forest.empty())
		text += "<h3>Relative change and its interval (one axis for all; shaded: &plusmn;min effect)</h3>" +
			forest_plot_svg(forest, report.min_effect.default_percent);
	return text;
}

std::string notes_section(const CompareReport &report)
{
	std::string text;
	for (const TracingNote &note : report.notes)
		text += fmt::format("<p class=\"note\"><b>Note:</b> {}</p>", markup_escape(note.text));
	return text;
}

std::string order_section(const CompareReport &report)
{
	if (!report.order)
		return "";
	bool found = !position_effect_rows(report.metrics).empty();
	std::string text = found ? "<h2 class=\"fail\" id=\"order\">Order effect</h2><ul>" : "<h2 id=\"order\">Order</h2><ul>";
	for (const std::string &line : order_lines(report.metrics, *report.order))
		text += fmt::format("<li>{}</li>", markup_escape(line));
	return text + "</ul>";
}

std::string gates_section(const CompareReport &report)
{
	if (report.gates.empty())
		return "";
	std::string text = "<h2>Gates</h2><ul>";
	for (const GateOutcome &gate : report.gates)
		text += fmt::format("<li><span class=\"{}\">{}</span> <code>{}</code> ({}): {}</li>", gate.failed ? "fail" : "pass",
				    gate.failed ? "FAIL" : "PASS", markup_escape(gate.rule.text), markup_escape(gate.rule.origin),
				    markup_escape(gate.explanation));
	return text + "</ul>";
}

std::string distributions_section(const CompareReport &report)
{
	std::string text = "<h2>Distributions (<span class=\"key-a\">A</span> / <span class=\"key-b\">B</span>, "
			   "one dot per run, tick at the mean)</h2><div class=\"plots\">";
	for (const MetricComparison *row : report.headline_rows())
		text += fmt::format("<div class=\"plot\"><h3>{}</h3>{}</div>", markup_escape(row->selector()),
				    strip_plot_svg(row->selector(), row->stats.baseline, row->stats.candidate));
	return text + "</div>";
}

std::string order_migratetype_section(const CompareReport &report)
{
	std::string scope = preferred_scope(report, "page.alloc.events");
	std::string text = fmt::format("<h2>page.alloc.events{{scope={}}} by order &times; migratetype (mean per run)</h2>",
				       scope);
	text += heat_tables({{"A (baseline)", "a", order_migratetype_grid(report.baseline, "page.alloc.events", scope)},
			     {"B (candidate)", "b", order_migratetype_grid(report.candidate, "page.alloc.events", scope)}});
	text += "<h2>pagetypeinfo free blocks before / after, by order &times; migratetype (all zones, mean per run)</h2>";
	text += heat_tables({{"A before", "a", order_migratetype_grid(report.baseline, "pagetypeinfo.free.before", "")},
			     {"A after", "a", order_migratetype_grid(report.baseline, "pagetypeinfo.free.after", "")},
			     {"B before", "b", order_migratetype_grid(report.candidate, "pagetypeinfo.free.before", "")},
			     {"B after", "b", order_migratetype_grid(report.candidate, "pagetypeinfo.free.after", "")}});
	return text;
}

}  // namespace

std::string html_report(const CompareReport &report)
{
	std::string title = markup_escape("kmemharness compare: " + report.scenario);
	std::string body = fmt::format("<h1>{}</h1>", title) + headline_section(report) + order_section(report) +
			   sides_section(report) + headline_table(report) +
			   notes_section(report) + gates_section(report) + distributions_section(report);
	body += "<h2>Per-CPU list refills and drains (mean per run)</h2><div class=\"plots\">" +
		per_cpu_bars(report, "pcp.refill.events") + per_cpu_bars(report, "pcp.drain.events") + "</div>";
	body += order_migratetype_section(report);
	return fmt::format("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>"
			   "<style>{}</style></head><body>{}</body></html>\n",
			   title, page_style, body);
}

}  // namespace kmh
