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
#include "compare/compare_cli.h"
#include "compare/result_index.h"
#include "common/progress.h"
#include "metrics/catalog.h"
#include "report/junit_xml.h"
#include "report/result_json.h"
#include "report/summary.h"
#include "report/tap_report.h"
#include "run/scenario_runner.h"
#include "scenario/scenario_parser.h"
#include "scenario/workload_lookup.h"
#include "vm/vm_run.h"
#include "workloads/workload.h"

namespace kmh {

namespace {

struct RunArguments {
	std::string scenario;
	std::string output;
	std::string attach;
	std::string module;
	std::string kernel;
	std::string kernel_headers;
	std::string accel;
	bool in_guest = false;
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

RunResult run_host(const Scenario &scenario, const RunArguments &args, Progress &progress)
{
	RunOptions options;
	options.attach = attach_override(args.attach);
	options.verbose = args.verbose;
	options.module_path = args.module;
	options.progress = &progress;
	return run_scenario(scenario, options);
}

// The scenario's [target] table, with what the command line says on top.
RunResult run_vm(const Scenario &scenario, const RunArguments &args, const std::string &dir, Progress &progress)
{
	VmRunOptions options = vm_run_options(scenario, dir);
	if (!args.kernel.empty())
		options.kernel_image = args.kernel;
	if (!args.kernel_headers.empty())
		options.kernel_headers = args.kernel_headers;
	if (!args.accel.empty())
		options.accel = args.accel;
	return run_in_vm(scenario, options, progress);
}

// The index only helps find runs later; a broken index must not change a run's outcome.
void record_in_index(const std::string &result_path, const RunResult &result)
{
	try {
		index_result(result_path, result);
	} catch (const Error &error) {
		fmt::print(stderr, "kmemharness: warning: {}\n", error.what());
	}
}

int run_verb(const RunArguments &args)
{
	Scenario scenario = load_scenario(args.scenario);
	Progress progress(Progress::detect_style(args.quiet));
	std::string dir = args.output.empty() ? "results/" + scenario.name + "/" + utc_stamp() : args.output;
	bool in_vm = !args.in_guest && !(args.kernel.empty() && scenario.target.kernel.empty());
	RunResult result = in_vm ? run_vm(scenario, args, dir, progress) : run_host(scenario, args, progress);
	write_reports(result, dir, args.tap);
	record_in_index(dir + "/result.json", result);
	if (args.quiet) {
		for (const std::string &error : result.errors)
			fmt::print(stderr, "kmemharness: {}\n", error);
	} else {
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
	run->footer("Examples:\n  kmemharness run scenarios/pcpu_bounce.toml --output /tmp/out --tap\n"
		    "  kmemharness run --kernel /boot/vmlinuz-6.1.0-56-amd64 scenarios/kmalloc_burst.toml");
	run->add_option("scenario", args.scenario, "scenario TOML file")->required();
	run->add_option("-o,--output", args.output, "result folder (default results/<scenario>/<UTC time>)");
	run->add_option("--attach", args.attach, "force a BPF attach variant")
		->check(CLI::IsMember({"auto", "tp_btf", "raw_tp", "tracepoint"}));
	run->add_option("--kernel", args.kernel, "boot this kernel image in QEMU and run the scenario there "
						  "(overrides [target] kernel)");
	run->add_option("--kernel-headers", args.kernel_headers,
			"headers to build the module with (default /usr/src/linux-headers-<release>)");
	run->add_option("--accel", args.accel, "QEMU accelerator (default auto: KVM if a probe boot works, else TCG)")
		->check(CLI::IsMember({"auto", "kvm", "tcg"}));
	run->add_option("--module", args.module, "the built kmemharness_workloads.ko, for kernel-module workloads");
	run->add_flag("--in-guest", args.in_guest, "run here even if the scenario has a [target] kernel "
						   "(used inside the VM)");
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
	CompareOptions compare_options;
	CLI::App *compare = add_compare_command(app, compare_options);
	try {
		app.parse(arguments_for_parse(argc, argv));
	} catch (const CLI::ParseError &error) {
		int code = app.exit(error);
		return code == 0 ? 0 : to_int(ExitCode::invalid_input);
	}
	if (run->parsed())
		return run_verb(run_args);
	if (validate->parsed())
		return validate_verb(validate_path);
	if (compare->parsed()) {
		compare_options.color = isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
		return compare_command(compare_options);
	}
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
