// The ab verb: build the two sides, alternate their runs so drift hits both, compare the results.
#include "cli/ab_command.h"

#include <fmt/core.h>

#include "common/error.h"
#include "compare/compare_command.h"
#include "compare/compare_outputs.h"
#include "compare/min_effect.h"
#include "compare/result_index.h"
#include "report/output_writer.h"
#include "report/run_outputs.h"
#include "system/output_folder.h"

namespace kmh {

namespace {

struct AbSide {
	std::string label;  // "A" or "B"
	RunArguments run;
	std::vector<SysctlSetting> sysctls;

	std::string describe() const
	{
		std::string text = run.kernel.empty() ? "this kernel" : run.kernel;
		if (!run.cmdline.empty())
			text += ", cmdline \"" + run.cmdline + "\"";
		for (const SysctlSetting &sysctl : sysctls)
			text += ", " + sysctl.name + "=" + sysctl.value;
		return text;
	}
};

std::vector<SysctlSetting> parse_sysctls(const std::vector<std::string> &texts, const std::string &option)
{
	std::vector<SysctlSetting> sysctls;
	for (const std::string &text : texts) {
		std::size_t equals = text.find('=');
		if (equals == std::string::npos || equals == 0)
			throw invalid_input(option + " '" + text + "': write name=value, e.g. vm.percpu_pagelist_high_fraction=8192");
		sysctls.push_back({text.substr(0, equals), text.substr(equals + 1), {option, 0, 0}});
	}
	return sysctls;
}

AbSide make_side(const AbArguments &args, int index)
{
	AbSide side{index == 0 ? "A" : "B", args.run, {}};
	if (!args.kernels.empty())
		side.run.kernel = args.kernels[std::min<std::size_t>(index, args.kernels.size() - 1)];
	side.run.cmdline = index == 0 ? args.cmdline_a : args.cmdline_b;
	side.sysctls = parse_sysctls(index == 0 ? args.sysctl_a : args.sysctl_b, index == 0 ? "--sysctl-a" : "--sysctl-b");
	return side;
}

void check_sides(const AbArguments &args, const AbSide &a, const AbSide &b)
{
	if (args.kernels.size() > 2)
		throw invalid_input("ab compares two sides: give --kernel at most twice");
	if (args.kernels.empty() && !(args.cmdline_a.empty() && args.cmdline_b.empty()))
		throw invalid_input("--cmdline-a/--cmdline-b need a --kernel: this kernel's command line cannot change");
	if (a.describe() == b.describe())
		throw invalid_input("A and B are the same (" + a.describe() + "): give two --kernel, or "
				    "--cmdline-a/--cmdline-b, or --sysctl-a/--sysctl-b");
}

// One run of one side; its result folder is <output>/<side>/<round>.
ExitCode run_side(const Scenario &scenario, const AbSide &side, const std::string &dir, Progress &progress)
{
	Scenario with_sysctls = scenario;
	with_sysctls.sysctls.insert(with_sysctls.sysctls.end(), side.sysctls.begin(), side.sysctls.end());
	RunResult result = run_where_asked(with_sysctls, side.run, dir, progress);
	write_output_folder(run_output_formats(), result, dir);
	index_result_or_warn(dir + "/result.json", result);
	return result.exit_code;
}

int compare_sides(const AbArguments &args, const std::string &output)
{
	CompareOptions options;
	options.baseline = {output + "/A"};
	options.candidate = {output + "/B"};
	options.gate_rules = args.gates;
	options.min_effect = args.min_effect;
	options.report_files = output_paths_in(compare_output_formats(), output);
	int code = compare_command(options);
	std::string reports;
	for (const std::string &file : output_file_names(compare_output_formats()))
		reports += " " + output + "/" + file;
	fmt::print("reports:{}\n", reports);
	return code;
}

}  // namespace

CLI::App *add_ab_command(CLI::App &app, AbArguments &args)
{
	CLI::App *ab = app.add_subcommand("ab", "Run a scenario on two kernels (or boot options, or sysctls), "
						"interleaved, and compare them");
	ab->footer("Examples:\n"
		   "  kmemharness ab --kernel \"$(kmemharness list kernels --image 6.1)\" "
		   "--kernel \"$(kmemharness list kernels --image 6.1-rt)\" --repeat 5 scenarios/pcpu_bounce.toml\n"
		   "  kmemharness ab --sysctl-a vm.percpu_pagelist_high_fraction=0 "
		   "--sysctl-b vm.percpu_pagelist_high_fraction=8192 scenarios/pcpu_bounce.toml");
	ab->add_option("scenario", args.run.scenario, "scenario TOML file")->required();
	ab->add_option("--kernel", args.kernels, "kernel image; twice for A and B, once for both sides");
	ab->add_option("--cmdline-a", args.cmdline_a, "extra guest kernel command line for A");
	ab->add_option("--cmdline-b", args.cmdline_b, "extra guest kernel command line for B");
	ab->add_option("--sysctl-a", args.sysctl_a, "name=value set for A's runs (repeatable)");
	ab->add_option("--sysctl-b", args.sysctl_b, "name=value set for B's runs (repeatable)");
	ab->add_option("-n,--repeat", args.repeat, "runs per side (at least 4 for a significant difference; 3 against 3 can never give p < 0.1)")
		->check(CLI::Range(1, 1000));
	ab->add_option("--gate", args.gates, "gate rule, e.g. \"pcp.drain.events rises by more than 5% and "
					     "decided\" (repeatable)");
	ab->add_option("--min-effect", args.min_effect, "smallest change called changed, e.g. 2% (default: the "
							"scenario's [compare] min_effect, else 1%)");
	ab->add_option("-o,--output", args.run.output, "folder for every run and the reports "
						       "(default results/<scenario>/<UTC time>-ab)");
	ab->add_option("--accel", args.run.accel, "QEMU accelerator")->check(CLI::IsMember({"auto", "kvm", "tcg"}));
	ab->add_option("--kernel-headers", args.run.kernel_headers, "headers for the module (both sides)");
	ab->add_flag("-q,--quiet", args.run.quiet, "no progress lines");
	return ab;
}

int ab_command(const AbArguments &args)
{
	if (!args.min_effect.empty())
		parse_percent(args.min_effect, "--min-effect");
	Scenario scenario = load_scenario(args.run.scenario);
	AbSide sides[2] = {make_side(args, 0), make_side(args, 1)};
	check_sides(args, sides[0], sides[1]);
	std::string output = args.run.output.empty() ? create_default_result_dir(scenario.name, "-ab") : args.run.output;
	check_output_folder(output, output_origin(args.run.output));
	Progress progress(Progress::detect_style(args.run.quiet));
	Progress quiet(Progress::Style::quiet);
	for (const AbSide &side : sides)
		progress.note(side.label + ": " + side.describe());
	for (int round = 1; round <= args.repeat; ++round) {
		for (const AbSide &side : sides) {
			progress.step(fmt::format("round {}/{}: {}", round, args.repeat, side.label));
			std::string dir = fmt::format("{}/{}/{}", output, side.label, round);
			ExitCode code = run_side(scenario, side, dir, quiet);
			progress.done(fmt::format("exit {}", to_int(code)));
			if (code != ExitCode::passed && code != ExitCode::assertion_failed)
				throw Error(code, "run " + dir + " did not complete; see " + dir + "/result.json");
		}
	}
	return compare_sides(args, output);
}

}  // namespace kmh
