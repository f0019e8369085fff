// Resolving the two sides (paths or index), gathering gate rules, and writing every report asked for.
#include "compare/compare_command.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "common/error.h"
#include "compare/compare_outputs.h"
#include "compare/compare_report.h"
#include "report/output_writer.h"

namespace kmh {

namespace {

// What one side picks from the index: the scenario, its kernel and machine (empty: any), the date.
struct SideQuery {
	const char *label;  // "baseline" or "candidate"
	IndexQuery query;
};

std::string describe(const SideQuery &side)
{
	const IndexQuery &q = side.query;
	return fmt::format("scenario '{}'{}{}{}", q.scenario, q.kernel_release.empty() ? "" : " on kernel '" + q.kernel_release + "'",
			   q.machine.empty() ? "" : " on machine '" + q.machine + "'", q.since.empty() ? "" : " since " + q.since);
}

std::vector<std::string> existing_indexed_results(const CompareOptions &options, const SideQuery &side)
{
	std::vector<std::string> found;
	for (const std::string &path : find_indexed_results(side.query, options.index_path)) {
		if (std::filesystem::exists(path))
			found.push_back(path);
		else
			fmt::print(stderr, "kmemharness: note: {} is in {} but no longer exists\n", path, options.index_path);
	}
	if (found.empty())
		throw invalid_input(fmt::format("{}: no {} run of {}", options.index_path, side.label, describe(side)));
	return found;
}

std::vector<std::string> side_paths(const CompareOptions &options, const std::vector<std::string> &paths,
				    const SideQuery &side)
{
	if (!paths.empty())
		return paths;
	const char *label = side.label;
	if (side.query.kernel_release.empty() && side.query.machine.empty())
		throw invalid_input(fmt::format("no {} runs: give result files or folders, or --{}-kernel or "
						"--{}-machine to pick them from the index", label, label, label));
	if (options.scenario.empty())
		throw invalid_input(fmt::format("picking {} runs from the index needs --scenario", label));
	return existing_indexed_results(options, side);
}

SideQuery side_query(const CompareOptions &options, const char *label, const std::string &kernel,
		     const std::string &machine)
{
	return {label, {options.scenario, kernel, options.since, machine.empty() ? options.machine : machine}};
}

// Each distinct scenario text the runs of both sides carry, in order.
std::vector<std::string> scenario_texts(const RunSet &baseline, const RunSet &candidate)
{
	std::vector<std::string> texts;
	for (const RunSet *set : {&baseline, &candidate})
		for (const LoadedRun &run : set->runs)
			if (std::find(texts.begin(), texts.end(), run.result.scenario.text) == texts.end())
				texts.push_back(run.result.scenario.text);
	return texts;
}

// --min-effect for every metric; else the scenario's [compare] min_effect, which every revision
// of the scenario the runs carry must state alike; else the default.
MinEffect min_effect(const CompareOptions &options, const std::vector<std::string> &texts)
{
	if (!options.min_effect.empty())
		return {parse_percent(options.min_effect, "--min-effect"), {}};
	std::optional<MinEffect> chosen;
	for (const std::string &text : texts) {
		std::optional<MinEffect> stated = scenario_min_effect(text, "the scenario stored in result.json");
		if (chosen && (!stated || stated->default_percent != chosen->default_percent ||
			       stated->family_percent != chosen->family_percent))
			throw invalid_input("the runs carry revisions of the scenario whose [compare] min_effect differ; "
					    "give --min-effect to choose one");
		chosen = stated ? stated : MinEffect{};
	}
	return chosen.value_or(MinEffect{});
}

std::vector<GateRule> gate_rules(const CompareOptions &options, const std::vector<std::string> &scenario_texts)
{
	std::vector<GateRule> rules;
	for (const std::string &text : options.gate_rules)
		rules.push_back(parse_gate_rule(text, "--gate"));
	std::vector<std::string> seen;
	for (const std::string &text : scenario_texts)
		for (const std::string &rule : scenario_gate_rules(text))
			if (std::find(seen.begin(), seen.end(), rule) == seen.end()) {
				seen.push_back(rule);
				rules.push_back(parse_gate_rule(rule, "scenario [compare]"));
			}
	return rules;
}

}  // namespace

CompareReport build_report_for(const CompareOptions &options)
{
	SideQuery baseline_query = side_query(options, "baseline", options.baseline_kernel, options.baseline_machine);
	SideQuery candidate_query = side_query(options, "candidate", options.candidate_kernel, options.candidate_machine);
	RunSet baseline = load_run_set("baseline", side_paths(options, options.baseline, baseline_query));
	RunSet candidate = load_run_set("candidate", side_paths(options, options.candidate, candidate_query));
	require_one_scenario(baseline, candidate);
	std::vector<std::string> texts = scenario_texts(baseline, candidate);
	std::vector<GateRule> rules = gate_rules(options, texts);
	return build_compare_report(std::move(baseline), std::move(candidate), rules, min_effect(options, texts), options.order);
}

int compare_command(const CompareOptions &options)
{
	CompareReport report = build_report_for(options);
	const OutputTable<CompareReport> &formats = compare_output_formats();
	print_stdout_format(formats, report, options.stdout_format);
	TerminalStream terminal = terminal_stream(!options.stdout_format.empty());
	std::fputs(render_terminal(formats, report, terminal.context).c_str(), terminal.file);
	write_format_files(formats, report, options.report_files);
	return report.any_gate_failed() ? 1 : 0;
}

}  // namespace kmh
