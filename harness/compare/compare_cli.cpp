// CLI11 wiring for `kmemharness compare`: positional baseline, --candidate (or `--`), outputs, index.
#include "compare/compare_cli.h"

#include <algorithm>

#include "compare/compare_outputs.h"
#include "report/output_options.h"

namespace kmh {

CLI::App *add_compare_command(CLI::App &app, CompareOptions &options)
{
	CLI::App *compare = app.add_subcommand("compare", "Compare result.json files of two kernels statistically and gate on it");
	compare->footer("Example: kmemharness compare results/a/ -- results/b/ --gate "
			"'pcp.drain.events{scope=workload} rises by more than 5% and decided' --html report.html\n"
			"         kmemharness compare --scenario pcpu_bounce --baseline-kernel 6.1.0-56-amd64 "
			"--candidate-kernel 6.18.0\n"
			"         kmemharness compare --scenario pcpu_bounce --baseline-kernel 6.12.117+deb12-amd64 "
			"--baseline-machine lab-a --candidate-machine lab-b\n"
			"Exit codes: 0 no gate failed, 1 a gate rule failed, 2 invalid input.");
	compare->add_option("baseline", options.baseline, "baseline (A) result.json files or folders");
	compare->add_option("--candidate", options.candidate, "candidate (B) result files or folders; same as after `--`");
	compare->add_option("--gate", options.gate_rules,
			    "gate rule, repeatable: '<selector> <rises|falls|changes> by more than <N>%[ and significant| and decided]'");
	compare->add_option("--min-effect", options.min_effect,
			    "smallest change called changed, for every metric, e.g. 2% (default: the scenario's [compare] "
			    "min_effect, else 1%)");
	add_file_format_options(compare, compare_output_formats(), options.report_files);
	add_stdout_format_flags(compare, compare_output_formats(), options.stdout_format);
	compare->add_option("--baseline-kernel", options.baseline_kernel, "pick baseline runs of this kernel release from the index");
	compare->add_option("--candidate-kernel", options.candidate_kernel, "pick candidate runs of this kernel release from the index");
	compare->add_option("--machine", options.machine, "pick indexed runs of this machine only, both sides (`index add` records it)");
	compare->add_option("--baseline-machine", options.baseline_machine, "pick baseline runs of this machine from the index");
	compare->add_option("--candidate-machine", options.candidate_machine, "pick candidate runs of this machine from the index");
	compare->add_option("--scenario", options.scenario, "the scenario whose indexed runs to pick");
	compare->add_option("--since", options.since, "only indexed runs started at or after this date (2025-06-01)");
	compare->add_option("--index", options.index_path, "the result index")->capture_default_str();
	return compare;
}

std::vector<std::string> arguments_for_parse(int argc, char **argv)
{
	std::vector<std::string> args(argv + 1, argv + argc);
	if (!args.empty() && args.front() == "compare") {
		auto separator = std::find(args.begin(), args.end(), "--");
		if (separator != args.end())
			*separator = "--candidate";
	}
	std::reverse(args.begin(), args.end());
	return args;
}

}  // namespace kmh
