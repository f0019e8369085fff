// Rendering of a RunResult as the text a kernel developer reads after a run.
#include "report/summary.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include <fmt/color.h>
#include <fmt/format.h>

#include "metrics/catalog.h"
#include "metrics/label_matcher.h"

namespace kmh {

namespace {

const std::vector<std::string> key_count_names = {"pcp.refill.events", "pcp.drain.events",
						  "page.alloc.events", "page.free.events",
						  "extfrag.events",    "slab.kmalloc.events"};

const char *const indent = "  ";
const char *const detail_indent = "        ";  // under the name that follows "  VERDICT "

enum class Align { left, right };

struct Table {
	std::vector<Align> align;
	std::vector<std::vector<std::string>> rows;  // the first row is the heading
};

// One line per row: columns padded to their widest cell, two spaces apart, no trailing blanks.
std::vector<std::string> render_rows(const Table &table)
{
	std::vector<std::size_t> width(table.align.size(), 0);
	for (const auto &row : table.rows)
		for (std::size_t column = 0; column < row.size(); column++)
			width[column] = std::max(width[column], row[column].size());

	std::vector<std::string> lines;
	for (const auto &row : table.rows) {
		std::string line;
		for (std::size_t column = 0; column < row.size(); column++) {
			std::string padding(width[column] - row[column].size(), ' ');
			bool right = table.align[column] == Align::right;
			line += (column ? "  " : "") + (right ? padding + row[column] : row[column] + padding);
		}
		line.erase(line.find_last_not_of(' ') + 1);
		lines.push_back(line);
	}
	return lines;
}

std::string render_table(const Table &table, const std::string &prefix)
{
	std::string text;
	for (const std::string &line : render_rows(table))
		text += prefix + line + "\n";
	return text;
}

std::string group_thousands(std::string digits)
{
	for (std::size_t end = digits.size(); end > 3; end -= 3)
		digits.insert(end - 3, ",");
	return digits;
}

std::string paint(const std::string &text, fmt::terminal_color hue, bool color)
{
	return color ? fmt::format(fmt::fg(hue), "{}", text) : text;
}

fmt::terminal_color status_color(const std::string &status)
{
	if (status == "passed")
		return fmt::terminal_color::green;
	if (status == "failed")
		return fmt::terminal_color::red;
	return fmt::terminal_color::yellow;
}

std::string upper(std::string text)
{
	std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
	return text;
}

std::string indented_lines(const std::string &text, const std::string &prefix)
{
	std::string result;
	std::size_t start = 0;
	while (start < text.size()) {
		std::size_t end = std::min(text.find('\n', start), text.size());
		result += prefix + text.substr(start, end - start) + "\n";
		start = end + 1;
	}
	return result;
}

std::string header(const RunResult &result, bool color)
{
	std::string status = paint(upper(result.status), status_color(result.status), color);
	std::string text = fmt::format("kmemharness: {} on Linux {} ({}): {} (exit {}", result.scenario.name,
				       result.system.kernel_release, result.target, status, to_int(result.exit_code));
	double seconds = total_seconds(result);
	text += seconds > 0 ? fmt::format(", {:.1f} s)\n", seconds) : ")\n";
	if (!result.scenario.description.empty())
		text += indented_lines(result.scenario.description, indent);
	return text;
}

std::string labels_text(const Labels &labels)
{
	if (labels.empty())
		return "";
	std::vector<std::string> pairs;
	for (const auto &[key, value] : labels)
		pairs.push_back(key + "=" + value);
	return fmt::format("{{{}}}", fmt::join(pairs, ", "));
}

// workload.<name>.<metric> reads as <metric> under its own workload.
std::string workload_metric_name(const WorkloadResult &workload, const Metric &metric)
{
	std::string prefix = "workload." + workload.name + ".";
	bool prefixed = metric.name.rfind(prefix, 0) == 0;
	return (prefixed ? metric.name.substr(prefix.size()) : metric.name) + labels_text(metric.labels);
}

std::string workload_details(const WorkloadResult &workload)
{
	std::string text;
	if (!workload.error.empty())
		text += indented_lines("error: " + workload.error, "      ");
	Table metrics{{Align::left, Align::right}, {}};
	for (const Metric &metric : workload.metrics)
		metrics.rows.push_back({workload_metric_name(workload, metric), format_count(metric.value)});
	return text + render_table(metrics, "      ");
}

std::string workloads_section(const RunResult &result)
{
	if (result.workloads.empty())
		return "";
	Table table{{Align::left, Align::left, Align::right, Align::left, Align::right},
		    {{"name", "kind", "phase", "status", "duration"}}};
	for (const WorkloadResult &workload : result.workloads)
		table.rows.push_back({workload.name, workload.kind, std::to_string(workload.phase), workload.status,
				      fmt::format("{:.3f} s", workload.duration_s)});

	std::vector<std::string> lines = render_rows(table);
	std::string text = fmt::format("\nWorkloads\n{}{}\n", indent, lines.front());
	for (std::size_t i = 0; i < result.workloads.size(); i++)
		text += indent + lines[i + 1] + "\n" + workload_details(result.workloads[i]);
	return text;
}

struct KeyCount {
	std::string name;
	std::map<std::string, double> workload_by_cpu;
	double workload_total = 0;
	std::optional<double> system_total;  // none when the system scope was not collected
};

KeyCount key_count(const MetricStore &metrics, const std::string &name)
{
	KeyCount count{name, {}, 0, std::nullopt};
	for (const Metric *metric : metrics.select(name, {LabelMatcher("scope", MatchOp::equal, scope_workload)})) {
		auto cpu = metric->labels.find("cpu");
		if (cpu != metric->labels.end())
			count.workload_by_cpu[cpu->second] += metric->value;
		count.workload_total += metric->value;
	}
	std::vector<LabelMatcher> system_scope = {LabelMatcher("scope", MatchOp::equal, scope_system)};
	if (!metrics.select(name, system_scope).empty())
		count.system_total = metrics.sum(name, system_scope);
	return count;
}

// CPU numbers sort as numbers: cpu2 before cpu10.
bool cpu_before(const std::string &a, const std::string &b)
{
	return a.size() != b.size() ? a.size() < b.size() : a < b;
}

Table key_counts_table(const std::vector<KeyCount> &counts)
{
	std::set<std::string, decltype(&cpu_before)> cpus(&cpu_before);
	for (const KeyCount &count : counts)
		for (const auto &entry : count.workload_by_cpu)
			cpus.insert(entry.first);

	Table table{{Align::left}, {{"metric"}}};
	for (const std::string &cpu : cpus)
		table.rows.front().push_back("cpu" + cpu);
	table.rows.front().insert(table.rows.front().end(), {"total", "system"});
	table.align.resize(table.rows.front().size(), Align::right);

	for (const KeyCount &count : counts) {
		std::vector<std::string> row = {count.name};
		for (const std::string &cpu : cpus) {
			auto found = count.workload_by_cpu.find(cpu);
			row.push_back(format_count(found == count.workload_by_cpu.end() ? 0 : found->second));
		}
		row.push_back(format_count(count.workload_total));
		row.push_back(count.system_total ? format_count(*count.system_total) : "-");
		table.rows.push_back(row);
	}
	return table;
}

std::string key_counts_section(const RunResult &result)
{
	std::vector<KeyCount> counts;
	for (const std::string &name : key_count_names)
		if (result.metrics.has_name(name))
			counts.push_back(key_count(result.metrics, name));
	if (counts.empty())
		return "";
	return "\nKey counts (scope=workload per CPU and total; system: scope=system total)\n" +
	       render_table(key_counts_table(counts), indent);
}

double scope_total(const MetricStore &metrics, const std::string &name, const char *scope)
{
	return metrics.sum(name, {LabelMatcher("scope", MatchOp::equal, scope)});
}

// Firings the collectors did not count as calls, because the kernel traced one call twice.
std::string tracing_quirks_section(const RunResult &result)
{
	const std::string name = "slab.kmalloc.duplicate_events";
	double system = scope_total(result.metrics, name, scope_system);
	if (system == 0)
		return "";
	return fmt::format("\nTracing quirks\n{}kmem:kmalloc fired twice for one kmalloc call {} times ({} in scope=workload): "
			   "each call counted once, the second firings in {}\n",
			   indent, format_count(system), format_count(scope_total(result.metrics, name, scope_workload)),
			   name);
}

std::string stacks_section(const RunResult &result)
{
	if (result.stacks.empty())
		return "";
	Table table{{Align::right, Align::right, Align::left, Align::left}, {{"bytes", "allocations", "collector", "stack"}}};
	for (const CollectedStack &stack : result.stacks)
		table.rows.push_back({format_count(stack.bytes), format_count(stack.allocations), stack.collector, stack.stack});
	return "\nStacks holding memory at readout (frames in result.json)\n" + render_table(table, indent);
}

fmt::terminal_color verdict_color(Verdict verdict)
{
	switch (verdict) {
	case Verdict::pass:
		return fmt::terminal_color::green;
	case Verdict::fail:
		return fmt::terminal_color::red;
	case Verdict::error:
		return fmt::terminal_color::yellow;
	}
	return fmt::terminal_color::yellow;
}

std::string assertion_line(const AssertionResult &assertion, bool color)
{
	std::string verdict = fmt::format("{:<5}", upper(verdict_name(assertion.verdict)));
	std::string text = fmt::format("{}{} {}: observed {} expected {}\n", indent,
				       paint(verdict, verdict_color(assertion.verdict), color), assertion.name,
				       format_count(assertion.observed), assertion.expected_text);
	if (assertion.verdict == Verdict::pass)
		return text;
	if (!assertion.message.empty())
		text += indented_lines(assertion.message, detail_indent);
	if (!assertion.detail.empty())
		text += indented_lines(assertion.detail, detail_indent);
	return text;
}

std::size_t count_verdict(const RunResult &result, Verdict verdict)
{
	return std::count_if(result.assertions.begin(), result.assertions.end(),
			     [&](const AssertionResult &assertion) { return assertion.verdict == verdict; });
}

std::string assertions_section(const RunResult &result, bool color)
{
	if (result.assertions.empty())
		return "";
	std::string text = "\nAssertions\n";
	for (const AssertionResult &assertion : result.assertions)
		text += assertion_line(assertion, color);
	return text + fmt::format("{}{} passed, {} failed, {} could not be evaluated\n", indent,
				  count_verdict(result, Verdict::pass), count_verdict(result, Verdict::fail),
				  count_verdict(result, Verdict::error));
}

std::string errors_section(const RunResult &result)
{
	if (result.errors.empty())
		return "";
	std::string text = "\nErrors\n";
	for (const std::string &error : result.errors)
		text += indented_lines(error, indent);
	return text;
}

// The callsite collector's families of `scope`, added up by call site.
std::map<std::string, double> callsite_totals(const MetricStore &metrics, const std::string &name, const char *scope)
{
	std::map<std::string, double> totals;
	for (const Metric *metric : metrics.select(name, {LabelMatcher("scope", MatchOp::equal, scope)}))
		if (auto site = metric->labels.find("callsite"); site != metric->labels.end())
			totals[site->second] += metric->value;
	return totals;
}

// The call sites with the largest totals of `rank_by`, largest first, "other" last if present.
std::vector<std::string> ranked_callsites(const std::map<std::string, double> &totals, std::size_t top)
{
	std::vector<std::string> sites;
	for (const auto &[site, value] : totals)
		if (site != "other" && value > 0)
			sites.push_back(site);
	std::stable_sort(sites.begin(), sites.end(),
			 [&](const std::string &a, const std::string &b) { return totals.at(a) > totals.at(b); });
	if (sites.size() > top)
		sites.resize(top);
	if (auto other = totals.find("other"); other != totals.end() && other->second > 0)
		sites.push_back("other");
	return sites;
}

double total_at(const std::map<std::string, double> &totals, const std::string &site)
{
	auto found = totals.find(site);
	return found == totals.end() ? 0 : found->second;
}

constexpr std::size_t summary_callsites = 5;

std::string top_callsites_section(const MetricStore &metrics)
{
	auto events = callsite_totals(metrics, "slab.callsite.events", scope_workload);
	if (events.empty())
		return "";
	auto bytes = callsite_totals(metrics, "slab.callsite.bytes_alloc", scope_workload);
	auto waste = callsite_totals(metrics, "slab.callsite.waste", scope_workload);
	auto cross = callsite_totals(metrics, "slab.callsite.cross_cpu_frees", scope_workload);
	Table table{{Align::left, Align::right, Align::right, Align::right, Align::right},
		    {{"call site", "allocations", "bytes_alloc", "waste", "cross-CPU frees"}}};
	for (const std::string &site : ranked_callsites(events, summary_callsites))
		table.rows.push_back({site, format_count(total_at(events, site)), format_count(total_at(bytes, site)),
				      format_count(total_at(waste, site)), format_count(total_at(cross, site))});
	return "\nTop slab call sites (scope=workload, kmalloc and kmem_cache_alloc)\n" + render_table(table, indent);
}

std::string outstanding_section(const MetricStore &metrics)
{
	auto objects = callsite_totals(metrics, "slab.outstanding.objects", scope_workload);
	auto bytes = callsite_totals(metrics, "slab.outstanding.bytes", scope_workload);
	auto pages = callsite_totals(metrics, "page.outstanding.pages", scope_workload);
	std::map<std::string, double> rank = objects;
	for (const auto &[site, count] : pages)
		rank[site] += count;
	std::vector<std::string> sites = ranked_callsites(rank, summary_callsites);
	if (sites.empty())
		return "";
	Table table{{Align::left, Align::right, Align::right, Align::right},
		    {{"call site", "objects", "bytes", "pages"}}};
	for (const std::string &site : sites)
		table.rows.push_back({site, format_count(total_at(objects, site)), format_count(total_at(bytes, site)),
				      format_count(total_at(pages, site))});
	return "\nOutstanding at the end of the window (scope=workload: allocated, not freed)\n" +
	       render_table(table, indent);
}

}  // namespace

std::string format_count(double value)
{
	constexpr double uint64_safe_limit = 9223372036854775808.0;  // 2^63

	if (!std::isfinite(value))
		return "n/a";
	std::string sign = value < 0 ? "-" : "";
	double magnitude = std::fabs(value);
	if (magnitude == std::trunc(magnitude) && magnitude < uint64_safe_limit)
		return sign + group_thousands(std::to_string(static_cast<std::uint64_t>(magnitude)));
	if (magnitude < 1)
		return fmt::format("{:.3g}", value);
	std::string fixed = fmt::format("{:.2f}", magnitude);
	std::size_t point = fixed.find('.');
	return sign + group_thousands(fixed.substr(0, point)) + fixed.substr(point);
}

std::string summary_text(const RunResult &result, bool color)
{
	return header(result, color) + workloads_section(result) + key_counts_section(result) +
	       tracing_quirks_section(result) + top_callsites_section(result.metrics) +
	       outstanding_section(result.metrics) + stacks_section(result) + assertions_section(result, color) + errors_section(result);
}

}  // namespace kmh
