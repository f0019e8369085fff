// The overhead benchmark's tables (overhead, exactness, self-perturbation, end-to-end) and JSON.
#include "overhead_report.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/core.h>

#include "kmem_tracepoints.h"

namespace kmh {

namespace {

using nlohmann::json;

const std::vector<std::string> run_stages{"setup",   "prepare", "attach",    "snapshot_before",
					  "workloads", "readout", "assertions"};

double workload_events(const WorkloadReport &workload)
{
	return workload.counted ? total_events(workload.counted->ours_workload) : std::nan("");
}

const VariantTimes *find_variant(const WorkloadReport &workload, const std::string &name)
{
	for (const VariantTimes &variant : workload.variants)
		if (variant.variant == name && variant.skipped.empty())
			return &variant;
	return nullptr;
}

json variant_json(const WorkloadReport &workload, const VariantTimes &variant)
{
	json entry{{"variant", variant.variant}, {"seconds", variant.seconds}};
	if (!variant.skipped.empty()) {
		entry["skipped"] = variant.skipped;
		return entry;
	}
	VariantSummary summary = summarize(variant, workload.variants.front());
	double events = workload_events(workload);
	entry["median_seconds"] = summary.median_seconds;
	entry["slowdown_percent"] = summary.slowdown_percent;
	entry["ns_per_event"] = 1e9 * summary.added_seconds / events;
	return entry;
}

double count_of(const EventCounts &counts, const std::string &tracepoint)
{
	auto found = counts.find(tracepoint);
	return found == counts.end() ? 0 : found->second;
}

double perf_count_of(const EventCounts &counts, const std::string &tracepoint)
{
	return counts.empty() ? std::nan("") : count_of(counts, tracepoint);
}

json counts_json(const CountedRound &counted, std::size_t iterations)
{
	json rows = json::array();
	for (const std::string &tracepoint : kmem_tracepoints()) {
		double workload = count_of(counted.ours_workload, tracepoint);
		rows.push_back({{"tracepoint", tracepoint},
				{"perf_stat_system", perf_count_of(counted.perf_system, tracepoint)},
				{"ours_system", count_of(counted.ours_system, tracepoint)},
				{"perf_stat_task", perf_count_of(counted.perf_task, tracepoint)},
				{"ours_workload", workload},
				{"ours_workload_softirq", count_of(counted.ours_workload_softirq, tracepoint)},
				{"ours_workload_hardirq", count_of(counted.ours_workload_hardirq, tracepoint)},
				{"workload_per_iteration", workload / static_cast<double>(iterations)}});
	}
	return {{"tracepoints", rows}, {"perf_skipped", counted.perf_skipped}};
}

json workload_json(const WorkloadReport &workload)
{
	json entry{{"name", workload.name},
		   {"iteration", workload.iteration},
		   {"iterations", workload.iterations},
		   {"workload_events", workload_events(workload)},
		   {"variants", json::array()}};
	for (const VariantTimes &variant : workload.variants)
		entry["variants"].push_back(variant_json(workload, variant));
	if (workload.counted)
		entry["counted_round"] = counts_json(*workload.counted, workload.iterations);
	else
		entry["counted_round"] = {{"skipped", workload.counted_skipped}};
	return entry;
}

std::vector<double> stage_values(const HarnessReport &harness, const std::string &stage)
{
	std::vector<double> values;
	for (const HarnessRun &run : harness.runs)
		values.push_back(stage_seconds(run.result, stage));
	return values;
}

std::vector<double> overhead_values(const HarnessReport &harness)
{
	std::vector<double> values;
	for (const HarnessRun &run : harness.runs)
		values.push_back(run.wall_seconds - stage_seconds(run.result, "workloads"));
	return values;
}

// Per family over all runs: {system, workload}, summed.
std::map<std::string, std::pair<double, double>> perturbation(const HarnessReport &harness)
{
	std::map<std::string, std::pair<double, double>> sums;
	for (const HarnessRun &run : harness.runs)
		for (const auto &[family, totals] : scoped_family_totals(run.result.metrics)) {
			sums[family].first += totals.first;
			sums[family].second += totals.second;
		}
	return sums;
}

// Per run, the share of all event families' system-scope events that the workload did not cause.
std::vector<double> not_workload_shares(const HarnessReport &harness)
{
	std::vector<double> shares;
	for (const HarnessRun &run : harness.runs) {
		double system = 0;
		double workload = 0;
		for (const auto &[family, totals] : scoped_family_totals(run.result.metrics)) {
			system += totals.first;
			workload += totals.second;
		}
		shares.push_back((system - workload) / workload);
	}
	return shares;
}

json harness_json(const HarnessReport &harness)
{
	json entry{{"scenario", harness.scenario}, {"runs", json::array()}};
	if (!harness.skipped.empty())
		entry["skipped"] = harness.skipped;
	for (const HarnessRun &run : harness.runs) {
		json stages = json::object();
		for (const StageTiming &timing : run.result.timings)
			stages[timing.stage] = timing.seconds;
		entry["runs"].push_back({{"wall_seconds", run.wall_seconds}, {"exit_code", run.exit_code}, {"timings", stages}});
	}
	json medians = json::object();
	for (const std::string &stage : run_stages)
		medians[stage] = median(stage_values(harness, stage));
	entry["median_timings"] = medians;
	entry["median_wall_seconds"] = median([&] {
		std::vector<double> walls;
		for (const HarnessRun &run : harness.runs)
			walls.push_back(run.wall_seconds);
		return walls;
	}());
	entry["median_wall_minus_workloads_seconds"] = median(overhead_values(harness));
	json families = json::object();
	for (const auto &[family, totals] : perturbation(harness))
		families[family] = {{"system", totals.first},
				    {"workload", totals.second},
				    {"not_workload_share", (totals.first - totals.second) / totals.second}};
	entry["system_minus_workload"] = families;
	std::vector<double> shares = not_workload_shares(harness);
	entry["not_workload_share_per_run"] = shares;
	return entry;
}

std::string format_or_dash(double value, const char *format)
{
	return std::isfinite(value) ? fmt::format(fmt::runtime(format), value) : "-";
}

void print_variants(const WorkloadReport &workload)
{
	double events = workload_events(workload);
	const VariantTimes &bare = workload.variants.front();
	const VariantTimes *empty = find_variant(workload, "empty_tp_btf");
	double empty_added = empty ? summarize(*empty, bare).added_seconds : std::nan("");
	fmt::print("\n{}: {} iterations ({}), {} kmem events per iteration (scope=workload)\n", workload.name,
		   workload.iterations, workload.iteration,
		   format_or_dash(events / static_cast<double>(workload.iterations), "{:.2f}"));
	fmt::print("  {:<20} {:>11} {:>10} {:>10} {:>12}\n", "variant", "median ms", "slowdown", "ns/event",
		   "x empty cost");
	for (const VariantTimes &variant : workload.variants) {
		if (!variant.skipped.empty()) {
			fmt::print("  {:<20} skipped: {}\n", variant.variant, variant.skipped);
			continue;
		}
		VariantSummary summary = summarize(variant, bare);
		fmt::print("  {:<20} {:>11.1f} {:>9.1f}% {:>10} {:>12}\n", variant.variant,
			   1e3 * summary.median_seconds, summary.slowdown_percent,
			   format_or_dash(1e9 * summary.added_seconds / events, "{:.1f}"),
			   format_or_dash(summary.added_seconds / empty_added, "{:.2f}"));
	}
}

void print_counts(const WorkloadReport &workload)
{
	if (!workload.counted) {
		fmt::print("  counted round skipped: {}\n", workload.counted_skipped);
		return;
	}
	const CountedRound &counted = *workload.counted;
	fmt::print("  counted round: perf stat -a (system) enabled before ours attached and stopped after ours "
		   "detached;\n  perf stat -p (the loop's process) against ours at scope=workload (its cgroup){}\n",
		   counted.perf_skipped.empty() ? "" : "\n  perf: " + counted.perf_skipped);
	fmt::print("  ours wkld: task context; softirq, hardirq: interrupts that landed on the loop's task\n");
	fmt::print("  {:<26} {:>11} {:>11} {:>9} {:>10} {:>10} {:>7} {:>8} {:>8} {:>8}\n", "tracepoint", "perf -a",
		   "ours system", "perf-ours", "perf -p", "ours wkld", "ours-p", "softirq", "hardirq", "per it.");
	for (const std::string &tracepoint : kmem_tracepoints()) {
		double system = count_of(counted.ours_system, tracepoint);
		double perf = perf_count_of(counted.perf_system, tracepoint);
		double task = perf_count_of(counted.perf_task, tracepoint);
		double workload_count = count_of(counted.ours_workload, tracepoint);
		fmt::print("  {:<26} {:>11} {:>11.0f} {:>9} {:>10} {:>10.0f} {:>7} {:>8.0f} {:>8.0f} {:>8.3f}\n",
			   tracepoint, format_or_dash(perf, "{:.0f}"), system, format_or_dash(perf - system, "{:.0f}"),
			   format_or_dash(task, "{:.0f}"), workload_count, format_or_dash(workload_count - task, "{:.0f}"),
			   count_of(counted.ours_workload_softirq, tracepoint),
			   count_of(counted.ours_workload_hardirq, tracepoint),
			   workload_count / static_cast<double>(workload.iterations));
	}
}

void print_harness(const HarnessReport &harness)
{
	fmt::print("\nkmemharness run {}: ", harness.scenario);
	if (!harness.skipped.empty() || harness.runs.empty()) {
		fmt::print("{}\n", harness.skipped.empty() ? "not run (--harness-runs 0)" : "skipped: " + harness.skipped);
		return;
	}
	fmt::print("{} run(s), medians\n  ", harness.runs.size());
	for (const std::string &stage : run_stages)
		fmt::print("{} {:.3f} s  ", stage, median(stage_values(harness, stage)));
	fmt::print("\n  wall minus workloads {:.3f} s\n", median(overhead_values(harness)));
	fmt::print("  events not caused by the workload (system - workload, share of workload; other processes "
		   "count too):\n");
	fmt::print("    {:<28} {:>12} {:>12} {:>10}\n", "family", "system", "workload", "share");
	double system_total = 0;
	double workload_total = 0;
	for (const auto &[family, totals] : perturbation(harness)) {
		system_total += totals.first;
		workload_total += totals.second;
		fmt::print("    {:<28} {:>12.0f} {:>12.0f} {:>9.3f}%\n", family, totals.first, totals.second,
			   100 * (totals.first - totals.second) / totals.second);
	}
	fmt::print("    {:<28} {:>12.0f} {:>12.0f} {:>9.3f}%\n", "all event families", system_total, workload_total,
		   100 * (system_total - workload_total) / workload_total);
	std::vector<double> shares = not_workload_shares(harness);
	fmt::print("  all event families, per run: lowest {:.3f}%, median {:.3f}% (the lowest is the tightest "
		   "upper bound)\n", 100 * *std::min_element(shares.begin(), shares.end()), 100 * median(shares));
}

}  // namespace

void print_report(const OverheadReport &report)
{
	fmt::print("kmh_bench_overhead: {}, Linux {}, {} CPUs, {} alternated round(s)\n", report.date,
		   report.kernel_release, report.cpus, report.rounds);
	for (const WorkloadReport &workload : report.workloads) {
		print_variants(workload);
		print_counts(workload);
	}
	print_harness(report.harness);
	print_self_perturbation(report.perturbation);
	print_vm_runs(report.vm);
}

json report_json(const OverheadReport &report)
{
	json document{{"date", report.date},
		      {"kernel_release", report.kernel_release},
		      {"cpus", report.cpus},
		      {"rounds", report.rounds},
		      {"workloads", json::array()},
		      {"kmemharness_run", harness_json(report.harness)},
		      {"self_perturbation", self_perturbation_json(report.perturbation)},
		      {"vm_run", vm_runs_json(report.vm)}};
	for (const WorkloadReport &workload : report.workloads)
		document["workloads"].push_back(workload_json(workload));
	return document;
}

std::vector<std::string> missing_capabilities(const OverheadReport &report)
{
	std::set<std::string> missing;
	for (const WorkloadReport &workload : report.workloads) {
		for (const VariantTimes &variant : workload.variants)
			if (!variant.skipped.empty() && !variant.tool_missing)
				missing.insert(variant.variant + ": " + variant.skipped);
		if (!workload.counted_skipped.empty())
			missing.insert("counted round: " + workload.counted_skipped);
	}
	if (!report.harness.skipped.empty())
		missing.insert("kmemharness run: " + report.harness.skipped);
	if (!report.perturbation.skipped.empty() && !report.perturbation.tool_missing)
		missing.insert("self-perturbation: " + report.perturbation.skipped);
	if (!report.vm.skipped.empty())
		missing.insert("VM run: " + report.vm.skipped);
	return {missing.begin(), missing.end()};
}

}  // namespace kmh
