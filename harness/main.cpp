// kmemharness command line: run, validate and list; the one place fatal errors become exit codes.
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "assertions/assertion_validator.h"
#include "common/error.h"
#include "common/progress.h"
#include "metrics/catalog.h"
#include "report/junit_xml.h"
#include "report/result_json.h"
#include "report/summary.h"
#include "report/tap_report.h"
#include "run/scenario_runner.h"
#include "scenario/scenario_parser.h"
#include "scenario/workload_lookup.h"
#include "workloads/workload.h"

namespace kmh {

namespace {

struct RunArguments {
	std::string scenario;
	std::string output;
	std::string attach;
	std::string module;
	bool tap = false;
	bool verbose = false;
	bool quiet = false;
};

Scenario load_scenario(const std::string &path)
{
	Scenario scenario = parse_scenario_file(path, find_workload, workload_kinds(workload_registry()));
	validate_assertions(scenario, find_workload);
	return scenario;
}

std::string utc_stamp()
{
	std::time_t now = std::time(nullptr);
	char text[32];
	std::strftime(text, sizeof(text), "%Y%m%dT%H%M%SZ", std::gmtime(&now));
	return text;
}

std::optional<AttachMode> attach_override(const std::string &text)
{
	if (text.empty())
		return std::nullopt;
	if (text == "auto")
		return AttachMode::automatic;
	if (text == "tp_btf")
		return AttachMode::tp_btf;
	if (text == "raw_tp")
		return AttachMode::raw_tp;
	return AttachMode::tracepoint;
}

void write_reports(RunResult &result, const std::string &dir, bool tap)
{
	std::filesystem::create_directories(dir);
	write_result_json(result, dir + "/result.json");
	write_junit_xml(result, dir + "/junit.xml");
	if (tap)
		std::fputs(tap_report(result).c_str(), stdout);
}

int run_verb(const RunArguments &args)
{
	Scenario scenario = load_scenario(args.scenario);
	Progress progress(Progress::detect_style(args.quiet));
	RunOptions options;
	options.attach = attach_override(args.attach);
	options.verbose = args.verbose;
	options.module_path = args.module;
	options.progress = &progress;
	RunResult result = run_scenario(scenario, options);
	std::string dir = args.output.empty() ? "results/" + scenario.name + "/" + utc_stamp() : args.output;
	write_reports(result, dir, args.tap);
	if (!args.quiet) {
		bool color = isatty(args.tap ? STDERR_FILENO : STDOUT_FILENO) && !std::getenv("NO_COLOR");
		fmt::print(args.tap ? stderr : stdout, "{}results: {}/result.json\n", summary_text(result, color), dir);
	}
	return to_int(result.exit_code);
}

int validate_verb(const std::string &path)
{
	Scenario scenario = load_scenario(path);
	fmt::print("{}: valid ({} workload(s), {} assertion(s))\n", path, scenario.workloads.size(),
		   scenario.assertions.size());
	return 0;
}

int list_verb(const std::string &what)
{
	if (what == "workloads") {
		for (const WorkloadDescriptor &d : workload_registry())
			fmt::print("{:<12} {}\n", d.kind, d.summary);
	} else {
		for (const MetricFamily &family : metric_catalog())
			fmt::print("{:<32} {}\n", family.name, family.help);
	}
	return 0;
}

CLI::App *add_run_command(CLI::App &app, RunArguments &args)
{
	CLI::App *run = app.add_subcommand("run", "Run a scenario on this kernel, check its assertions, write results");
	run->footer("Example: kmemharness run scenarios/pcpu_bounce.toml --output /tmp/out --tap");
	run->add_option("scenario", args.scenario, "scenario TOML file")->required();
	run->add_option("-o,--output", args.output, "result folder (default results/<scenario>/<UTC time>)");
	run->add_option("--attach", args.attach, "force a BPF attach variant")
		->check(CLI::IsMember({"auto", "tp_btf", "raw_tp", "tracepoint"}));
	run->add_option("--module", args.module, "the built kmemharness_workloads.ko, for kernel-module workloads");
	run->add_flag("--tap", args.tap, "print TAP 13 on stdout (the summary goes to stderr)");
	run->add_flag("-v,--verbose", args.verbose, "show libbpf's messages");
	run->add_flag("-q,--quiet", args.quiet, "no progress and no summary");
	return run;
}

}  // namespace

int run_main(int argc, char **argv)
{
	CLI::App app{"kmemharness: workloads, BPF kmem collectors and assertions for the kernel's memory allocators"};
	app.footer("Exit codes: 0 passed, 1 assertion failed, 2 invalid scenario or command line, 3 environment "
		   "cannot run it, 4 run failed, 5 kernel crashed.\nSee `kmemharness <command> --help`.");
	app.set_version_flag("--version", KMH_VERSION);
	app.require_subcommand(1);
	RunArguments run_args;
	CLI::App *run = add_run_command(app, run_args);
	std::string validate_path;
	CLI::App *validate = app.add_subcommand("validate", "Check a scenario file without running it");
	validate->add_option("scenario", validate_path, "scenario TOML file")->required();
	validate->footer("Example: kmemharness validate scenarios/pcpu_bounce.toml");
	std::string list_what = "metrics";
	CLI::App *list = app.add_subcommand("list", "List workload kinds or metric families");
	list->add_option("what", list_what, "workloads or metrics")->check(CLI::IsMember({"workloads", "metrics"}));
	list->footer("Example: kmemharness list workloads");
	try {
		app.parse(argc, argv);
	} catch (const CLI::ParseError &error) {
		int code = app.exit(error);
		return code == 0 ? 0 : to_int(ExitCode::invalid_input);
	}
	if (run->parsed())
		return run_verb(run_args);
	if (validate->parsed())
		return validate_verb(validate_path);
	return list_verb(list_what);
}

}  // namespace kmh

int main(int argc, char **argv)
{
	try {
		return kmh::run_main(argc, argv);
	} catch (const kmh::Error &error) {
		fmt::print(stderr, "kmemharness: {}\n", error.what());
		return kmh::to_int(error.code());
	} catch (const std::exception &error) {
		fmt::print(stderr, "kmemharness: internal error: {}\n", error.what());
		return kmh::to_int(kmh::ExitCode::run_failed);
	}
}
