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

std::vector<std::string> existing_indexed_results(const CompareOptions &options, const std::string &kernel)
{
	std::vector<std::string> found;
	for (const std::string &path : find_indexed_results({options.scenario, kernel, options.since}, options.index_path)) {
		if (std::filesystem::exists(path))
			found.push_back(path);
		else
			fmt::print(stderr, "kmemharness: note: {} is in {} but no longer exists\n", path, options.index_path);
	}
	if (found.empty())
		throw invalid_input(fmt::format("{}: no run of scenario '{}' on kernel '{}'{}", options.index_path,
						options.scenario, kernel,
						options.since.empty() ? "" : " since " + options.since));
	return found;
}

std::vector<std::string> side_paths(const CompareOptions &options, const std::vector<std::string> &paths,
				    const std::string &kernel, const char *label)
{
	if (!paths.empty())
		return paths;
	if (kernel.empty())
		throw invalid_input(fmt::format("no {} runs: give result files or folders, or --{}-kernel", label, label));
	if (options.scenario.empty())
		throw invalid_input(fmt::format("--{}-kernel needs --scenario to pick runs from the index", label));
	return existing_indexed_results(options, kernel);
}

std::vector<GateRule> gate_rules(const CompareOptions &options, const RunSet &baseline, const RunSet &candidate)
{
	std::vector<GateRule> rules;
	for (const std::string &text : options.gate_rules)
		rules.push_back(parse_gate_rule(text, "--gate"));
	std::vector<std::string> scenario_texts;
	for (const RunSet *set : {&baseline, &candidate})
		for (const LoadedRun &run : set->runs)
			if (std::find(scenario_texts.begin(), scenario_texts.end(), run.result.scenario.text) == scenario_texts.end())
				scenario_texts.push_back(run.result.scenario.text);
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

int compare_command(const CompareOptions &options)
{
	RunSet baseline = load_run_set("baseline", side_paths(options, options.baseline, options.baseline_kernel, "baseline"));
	RunSet candidate =
		load_run_set("candidate", side_paths(options, options.candidate, options.candidate_kernel, "candidate"));
	require_one_scenario(baseline, candidate);
	std::vector<GateRule> rules = gate_rules(options, baseline, candidate);
	CompareReport report = build_compare_report(std::move(baseline), std::move(candidate), rules);
	const OutputTable<CompareReport> &formats = compare_output_formats();
	print_stdout_format(formats, report, options.stdout_format);
	TerminalStream terminal = terminal_stream(!options.stdout_format.empty());
	std::fputs(render_terminal(formats, report, terminal.context).c_str(), terminal.file);
	write_format_files(formats, report, options.report_files);
	return report.any_gate_failed() ? 1 : 0;
}

}  // namespace kmh
