// The ab verb: build the two sides, run them in balanced order with resets between, compare the results.
#include "cli/ab_command.h"

#include <chrono>

#include <fmt/format.h>

#include "cli/ab_schedule.h"
#include "cli/kernel_tree_option.h"
#include "common/error.h"
#include "compare/compare_command.h"
#include "compare/compare_outputs.h"
#include "compare/gate_rule.h"
#include "compare/min_effect.h"
#include "compare/result_index.h"
#include "report/output_writer.h"
#include "report/run_outputs.h"
#include "run/host_reset.h"
#include "scenario/sysctl_option.h"
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
			text += ", " + sysctl.name + (sysctl.raise ? "+=" : "=") + sysctl.value;
		return text;
	}
};

AbSide make_side(const AbArguments &args, int index)
{
	AbSide side{index == 0 ? "A" : "B", args.run, {}};
	if (!args.kernels.empty())
		side.run.kernel = args.kernels[std::min<std::size_t>(index, args.kernels.size() - 1)];
	side.run.cmdline = index == 0 ? args.cmdline_a : args.cmdline_b;
	side.run.sysctls = index == 0 ? args.sysctl_a : args.sysctl_b;
	side.sysctls = parse_sysctl_options(side.run.sysctls, index == 0 ? "--sysctl-a" : "--sysctl-b");
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
	RunResult result = run_where_asked(scenario, side.run, dir, progress);
	write_output_folder(run_output_formats(), result, dir);
	index_result_or_warn(dir + "/result.json", result);
	return result.exit_code;
}

bool on_host(const AbArguments &args)
{
	return args.kernels.empty();
}

// The order's description before any round has run: method, seed, what is reset and what is not.
RunOrder planned_order(const AbArguments &args, AbOrder order, std::uint64_t seed)
{
	RunOrder planned{to_string(order), std::nullopt, {}, {}, {}, ""};
	if (order == AbOrder::random)
		planned.seed = seed;
	if (on_host(args) && args.no_reset) {
		planned.reset = {"nothing (--no-reset)"};
		planned.not_reset = {"page cache, dentries and inodes", "free memory's fragmentation (no compaction)"};
	}
	if (on_host(args)) {
		std::vector<std::string> kept = host_state_not_reset();
		planned.not_reset.insert(planned.not_reset.end(), kept.begin(), kept.end());
	}
	return planned;
}

class AbRounds {
public:
	AbRounds(const AbArguments &args, const Scenario &scenario, const std::string &output, AbOrder order, std::uint64_t seed)
		: args_(args), scenario_(scenario), output_(output), order_kind_(order), seed_(seed),
		  sides_{make_side(args, 0), make_side(args, 1)}, order_(planned_order(args, order, seed)),
		  progress_(Progress::detect_style(args.run.quiet))
	{
		for (const AbSide &side : sides_)
			progress_.note(side.label + ": " + side.describe());
	}

	// Runs rounds until `count` have run.
	void run_until(int count)
	{
		while (static_cast<int>(order_.rounds.size()) < count)
			run_round(static_cast<int>(order_.rounds.size()));
	}

	CompareOptions compare_options() const
	{
		CompareOptions options;
		for (std::size_t round = 1; round <= order_.rounds.size(); ++round) {
			options.baseline.push_back(fmt::format("{}/A/{}/result.json", output_, round));
			options.candidate.push_back(fmt::format("{}/B/{}/result.json", output_, round));
		}
		options.gate_rules = args_.gates;
		options.min_effect = args_.min_effect;
		options.order = order_;
		return options;
	}

	int rounds() const { return static_cast<int>(order_.rounds.size()); }
	void set_stop(const std::string &text) { order_.stop = text; }
	Progress &progress() { return progress_; }

private:
	void run_round(int round)
	{
		std::string sequence = ab_round_order(round, order_kind_, seed_);
		std::vector<std::string> reset;
		for (char label : sequence) {
			const AbSide &side = sides_[label == 'A' ? 0 : 1];
			if (on_host(args_) && !args_.no_reset)
				reset = reset_host_memory();
			progress_.step(fmt::format("round {}: {} ({})", round + 1, side.label, label == sequence[0] ? "first" : "second"));
			std::string dir = fmt::format("{}/{}/{}", output_, side.label, round + 1);
			ExitCode code = run_side(scenario_, side, dir, quiet_);
			progress_.done(fmt::format("exit {}", to_int(code)));
			if (code != ExitCode::passed && code != ExitCode::assertion_failed)
				throw Error(code, "run " + dir + " did not complete; see " + dir + "/result.json");
		}
		if (!reset.empty())
			order_.reset = reset;
		order_.rounds.push_back(sequence);
	}

	const AbArguments &args_;
	const Scenario &scenario_;
	std::string output_;
	AbOrder order_kind_;
	std::uint64_t seed_;
	AbSide sides_[2];
	RunOrder order_;
	Progress progress_;
	Progress quiet_{Progress::Style::quiet};
};

// The gates whose row is still undecided, as their rule texts.
std::vector<std::string> undecided_gates(const CompareReport &report)
{
	std::vector<std::string> undecided;
	for (const GateOutcome &gate : report.gates)
		if (gate.stats.decision == Decision::undecided)
			undecided.push_back(gate.rule.text);
	return undecided;
}

// --until-decided: after the first `repeat` rounds, a pair of rounds (AB and BA) at a time until
// every gate's metric is changed or same, or max_repeat rounds have run; the order records which.
void run_until_decided(AbRounds &rounds, const AbArguments &args)
{
	for (;;) {
		std::vector<std::string> undecided = undecided_gates(build_report_for(rounds.compare_options()));
		if (undecided.empty()) {
			rounds.set_stop(fmt::format("until-decided: every gated metric decided after {} rounds", rounds.rounds()));
			return;
		}
		if (rounds.rounds() >= args.max_repeat) {
			rounds.set_stop(fmt::format("until-decided: still undecided after {} rounds (--max-repeat {}): {}",
						    rounds.rounds(), args.max_repeat, fmt::join(undecided, "; ")));
			return;
		}
		rounds.progress().note(fmt::format("undecided after {} rounds: {}", rounds.rounds(), fmt::join(undecided, "; ")));
		rounds.run_until(std::min(args.max_repeat, rounds.rounds() + 2));
	}
}

int compare_sides(CompareOptions options, const std::string &output)
{
	options.report_files = output_paths_in(compare_output_formats(), output);
	int code = compare_command(options);
	std::string reports;
	for (const std::string &file : output_file_names(compare_output_formats()))
		reports += " " + output + "/" + file;
	fmt::print("reports:{}\n", reports);
	return code;
}

void check_until_decided(const AbArguments &args, const Scenario &scenario)
{
	if (!args.until_decided)
		return;
	if (args.max_repeat < args.repeat)
		throw invalid_input(fmt::format("--max-repeat {} is below --repeat {}: give at least as many", args.max_repeat, args.repeat));
	if (args.gates.empty() && scenario_gate_rules(scenario.text).empty())
		throw invalid_input("--until-decided runs until the gated metrics are decided: give a --gate rule "
				    "(or a [compare] gate in the scenario)");
}

std::uint64_t chosen_seed(const AbArguments &args)
{
	if (args.seed)
		return *args.seed;
	return static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
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
		   "--sysctl-b vm.percpu_pagelist_high_fraction=8192 scenarios/pcpu_bounce.toml\n"
		   "  kmemharness ab --sysctl-a vm.percpu_pagelist_high_fraction=0 --sysctl-b vm.percpu_pagelist_high_fraction=8192 "
		   "--gate 'zoneinfo.pcp.count.after{cpu=1} changes by more than 2% and decided' --until-decided --max-repeat 12 "
		   "scenarios/pcpu_bounce.toml");
	ab->add_option("scenario", args.run.scenario, "scenario TOML file")->required();
	ab->add_option("--kernel", args.kernels, "kernel image; twice for A and B, once for both sides");
	add_kernel_tree_option(ab, args.kernels);
	ab->add_option("--cmdline-a", args.cmdline_a, "extra guest kernel command line for A");
	ab->add_option("--cmdline-b", args.cmdline_b, "extra guest kernel command line for B");
	ab->add_option("--sysctl-a", args.sysctl_a, "NAME=VALUE, or NAME+=N to raise the value each run finds by N, "
						    "set for A's runs (in the guest with --kernel; repeatable)")
		->type_name("NAME=VALUE");
	ab->add_option("--sysctl-b", args.sysctl_b, "the same for B's runs")->type_name("NAME=VALUE");
	ab->add_option("--order", args.order, "order of A and B in each round: alternate (AB, BA, AB, …) or random "
					      "(each pair of rounds AB BA or BA AB, by --seed)")
		->check(CLI::IsMember({"alternate", "random"}));
	ab->add_option("--seed", args.seed, "seed of --order random (default: from the clock; recorded in compare.json)");
	ab->add_flag("--no-reset", args.no_reset, "host runs: do not drop caches and compact memory before each run");
	ab->add_flag("--until-decided", args.until_decided, "after --repeat rounds, add pairs of rounds until every "
							    "gate's metric is decided (changed or same) or --max-repeat is reached");
	ab->add_option("--max-repeat", args.max_repeat, "with --until-decided: the most rounds (default 20)")
		->check(CLI::Range(1, 1000));
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
	check_until_decided(args, scenario);
	check_sides(args, make_side(args, 0), make_side(args, 1));
	std::string output = args.run.output.empty() ? create_default_result_dir(scenario.name, "-ab") : args.run.output;
	check_output_folder(output, output_origin(args.run.output));
	AbOrder order = args.order == "random" ? AbOrder::random : AbOrder::alternate;
	AbRounds rounds(args, scenario, output, order, chosen_seed(args));
	rounds.run_until(args.repeat);
	if (args.until_decided)
		run_until_decided(rounds, args);
	return compare_sides(rounds.compare_options(), output);
}

}  // namespace kmh
