// Assembling report.html from the run's assertions and metrics, section by section.
#include "report/run_report_html.h"

#include <cctype>

#include <fmt/format.h>

#include "assertions/assertion_evaluator.h"
#include "report/markup_escape.h"
#include "report/run_report_data.h"
#include "report/run_report_svg.h"

namespace kmh {

namespace {

const char *const page_style = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#070;font-weight:bold}.fail{color:#b00;font-weight:bold}.error{color:#a60;font-weight:bold}
.bar{fill:#3b6fb6}.axis{stroke:#555}.tick{font-size:11px;fill:#555}.value{font-size:11px;fill:#111}
.charts{display:flex;flex-wrap:wrap;gap:24px}.chart h3{font-size:13px;margin:4px 0}
.absent{color:#777;font-style:italic}
)";

std::string absent(const std::string &what)
{
	return fmt::format("<p class=\"absent\">{}</p>", markup_escape(what));
}

std::string chart(const std::string &title, const std::string &svg)
{
	return fmt::format("<div class=\"chart\"><h3>{}</h3>{}</div>", markup_escape(title), svg);
}

std::string overview_section(const RunResult &result)
{
	std::string machine = result.vm && !result.vm->host.empty() ? result.vm->host : result.system.hostname;
	std::vector<std::pair<const char *, std::string>> rows = {
		{"scenario", result.scenario.name},
		{"status", result.status},
		{"kernel", result.system.kernel_release},
		{"target", result.vm ? "vm (" + result.vm->accel + ")" : result.target},
		{"machine", machine},
		{"CPUs", std::to_string(result.system.cpu_count) + " x " + result.system.cpu_model},
		{"started", result.started_at},
		{"duration", fmt::format("{:.2f} s", total_seconds(result))},
		{"tool", result.tool_version},
	};
	std::string text = "<table class=\"overview\">";
	for (const auto &[key, value] : rows)
		text += fmt::format("<tr><th>{}</th><td>{}</td></tr>", key, markup_escape(value));
	text += "</table>";
	for (const std::string &error : result.errors)
		text += fmt::format("<p class=\"fail\">{}</p>", markup_escape(error));
	return text;
}

std::string upper(std::string text)
{
	for (char &c : text)
		c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
	return text;
}

std::string assertion_detail(const AssertionResult &assertion)
{
	if (assertion.message.empty())
		return assertion.detail;
	return assertion.message + " (" + assertion.detail + ")";
}

std::string assertions_section(const RunResult &result)
{
	if (result.assertions.empty())
		return absent("The scenario has no assertions.");
	std::string text = "<table class=\"assertions\"><tr><th>assertion</th><th>observed</th><th>expected</th>"
			   "<th>verdict</th><th>detail</th></tr>";
	for (const AssertionResult &assertion : result.assertions) {
		const char *verdict = verdict_name(assertion.verdict);
		text += fmt::format("<tr class=\"assertion\"><td><code>{}</code></td><td class=\"num\">{}</td><td>{}</td>"
				    "<td class=\"{}\">{}</td><td>{}</td></tr>",
				    markup_escape(assertion.name), format_value(assertion.observed),
				    markup_escape(assertion.expected_text), verdict, upper(verdict),
				    markup_escape(assertion_detail(assertion)));
	}
	return text + "</table>";
}

std::string per_cpu_section(const MetricStore &store)
{
	std::string charts;
	const std::vector<std::string> names = {"pcp.refill.events", "pcp.drain.events"};
	std::vector<std::vector<LabelledValue>> lists = sums_on_common_labels(store, names, "cpu");
	for (std::size_t i = 0; i < names.size(); i++) {
		if (!lists[i].empty())
			charts += chart(fmt::format("{} by CPU", names[i]), bar_chart_svg(names[i], "cpu ", lists[i]));
	}
	return charts.empty() ? absent("No per-CPU list events were collected (the pcp collector).")
			      : "<div class=\"charts\">" + charts + "</div>";
}

std::string heat_maps(const MetricStore &store, const std::vector<std::string> &names, const std::string &missing)
{
	std::vector<OrderMigratetypeGrid> grids = order_migratetype_grids(store, names);
	if (grids.front().orders.empty())
		return absent(missing);
	std::string charts;
	for (std::size_t i = 0; i < names.size(); i++)
		charts += chart(names[i], heat_map_svg(names[i], grids[i]));
	return "<div class=\"charts\">" + charts + "</div>";
}

std::string slab_section(const MetricStore &store)
{
	std::string charts;
	for (const std::string &name : histogram_families(store, "slab."))
		charts += chart(fmt::format("{} by bucket (le)", name), bar_chart_svg(name, "le ", sum_by_label(store, name, "le")));
	return charts.empty() ? absent("No slab size or latency histogram was collected (slab collector).")
			      : "<div class=\"charts\">" + charts + "</div>";
}

std::string callsite_section(const MetricStore &store)
{
	std::vector<CallsiteTable> tables = top_callsites(store, report_callsite_limit);
	if (tables.empty())
		return "";
	std::string text = fmt::format("<h2>Top call sites</h2><p>The {} largest call sites of each family.</p>"
				       "<div class=\"charts\">", report_callsite_limit);
	for (const CallsiteTable &table : tables) {
		text += fmt::format("<table class=\"callsites\" data-metric=\"{0}\"><caption>{0}</caption>"
				    "<tr><th>call site</th><th>value</th></tr>", markup_escape(table.family));
		for (const LabelledValue &site : table.top)
			text += fmt::format("<tr class=\"callsite\"><td><code>{}</code></td><td class=\"num\">{}</td></tr>",
					    markup_escape(site.label), format_value(site.value));
		text += "</table>";
	}
	return text + "</div>";
}

}  // namespace

std::string run_report_html(const RunResult &result)
{
	const MetricStore &store = result.metrics;
	std::string title = fmt::format("kmemharness: {} on {}", result.scenario.name, result.system.kernel_release);
	std::string body = fmt::format("<h1>{}</h1>", markup_escape(title)) + overview_section(result);
	body += "<h2>Assertions</h2>" + assertions_section(result);
	body += "<h2>Per-CPU lists: refills and drains</h2>" + per_cpu_section(store);
	body += "<h2>Page allocations by order and migratetype</h2>" +
		heat_maps(store, {"page.alloc.events"}, "No page allocations were collected (page_alloc collector).");
	body += "<h2>Free blocks (/proc/pagetypeinfo), before and after</h2>" +
		heat_maps(store, {"pagetypeinfo.free.before", "pagetypeinfo.free.after"},
			  "/proc/pagetypeinfo was not read (pagetypeinfo collector).");
	body += "<h2>Slab histograms</h2>" + slab_section(store);
	body += callsite_section(store);
	return fmt::format("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title><style>{}</style></head>"
			   "<body>{}</body></html>\n",
			   markup_escape(title), page_style, body);
}

}  // namespace kmh
