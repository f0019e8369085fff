// The run verb: options, choosing host or VM, writing results, printing the summary.
#include "cli/run_command.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>

#include <fmt/core.h>

#include "assertions/assertion_validator.h"
#include "cli/kernel_tree_option.h"
#include "collect/collector_registry.h"
#include "common/error.h"
#include "common/utc_time.h"
#include "compare/gate_rule.h"
#include "compare/min_effect.h"
#include "compare/result_index.h"
#include "report/output_options.h"
#include "report/output_writer.h"
#include "report/result_files.h"
#include "report/run_outputs.h"
#include "run/memory_need.h"
#include "run/scenario_runner.h"
#include "scenario/scenario_parser.h"
#include "scenario/sysctl_option.h"
#include "scenario/units.h"
#include "system/heartbeat.h"
#include "system/output_folder.h"
#include "system/unique_dir.h"
#include "vm/guest_init.h"
#include "vm/vm_run.h"
#include "workloads/workload.h"

namespace kmh {

namespace {

RunResult run_host(const Scenario &scenario, const RunArguments &args, Progress &progress)
{
	RunOptions options;
	options.attach = find_attach_mode(args.attach);  // empty: the scenario's
	options.verbose = args.verbose;
	options.module_path = args.module;
	options.progress = &progress;
	options.workloads = find_workload;
	options.machine_wait = args.no_wait ? MachineWait::refuse : MachineWait::wait;
	return run_scenario(scenario, options);
}

// The scenario's [target] table, with what the command line says on top.
RunResult run_vm(const Scenario &scenario, const RunArguments &args, const std::string &dir, Progress &progress)
{
	VmRunOptions options = vm_run_options(scenario);
	if (!args.kernel.empty())
		options.kernel_image = args.kernel;
	if (!args.kernel_headers.empty())
		options.kernel_headers = args.kernel_headers;
	if (!args.accel.empty())
		options.accel = args.accel;
	if (!args.cmdline.empty())
		options.cmdline += (options.cmdline.empty() ? "" : " ") + args.cmdline;
	options.sysctl_options = args.sysctls;
	return run_in_vm(scenario, dir, options, progress);
}

// [compare] gate rules and min_effect are read by `compare`; a bad one is found now, not after the runs.
void check_compare_table(const Scenario &scenario)
{
	for (const std::string &rule : scenario_gate_rules(scenario.text))
		parse_gate_rule(rule, scenario.file + ": [compare] gate");
	scenario_min_effect(scenario.text, scenario.file);
}

// A scenario that names its guest kernel boots a guest of [target] memory (and swap): what its
// workloads hold at once must fit in them. (Inside the guest, the run checks what is available there.)
void check_guest_memory(const Scenario &scenario)
{
	if (scenario.target.kernel.empty())
		return;
	MemoryNeed need = scenario_memory_need(scenario);
	std::int64_t room = scenario.target.memory_bytes + scenario.target.swap_bytes;
	if (need.bytes > room)
		throw invalid_input(fmt::format("{}: [target] memory: the workloads of phase {} hold up to {} at once, "
						"more than the guest's {} of memory and {} of swap; raise [target] memory "
						"or make them smaller",
						scenario.target.where.to_string(), need.phase, format_size(need.bytes),
						format_size(scenario.target.memory_bytes), format_size(scenario.target.swap_bytes)));
}

RenderContext file_context(const RunArguments &args, const std::string &dir)
{
	RenderContext context;
	context.output_dir = dir;
	context.kcidb_origin = args.kcidb_origin;
	return context;
}

void print_outcome(const RunResult &result, const RunArguments &args, const std::string &dir)
{
	const OutputTable<RunResult> &formats = run_output_formats();
	print_stdout_format(formats, result, args.stdout_format, file_context(args, dir));
	if (args.quiet) {
		for (const std::string &error : result.errors)
			fmt::print(stderr, "kmemharness: {}\n", error);
		return;
	}
	TerminalStream terminal = terminal_stream(!args.stdout_format.empty());
	fmt::print(terminal.file, "{}results: {}/result.json\n", render_terminal(formats, result, terminal.context), dir);
}

// Exit 2 writes no result files (docs/cli.md): the errors go to stderr, and the default folder
// made for the run goes again, with the parents it emptied (results/<scenario>/, results/).
int refuse_invalid(const RunResult &result, const std::string &created_dir)
{
	for (const std::string &error : result.errors)
		fmt::print(stderr, "kmemharness: {}\n", error);
	std::error_code ignored;
	std::filesystem::path dir = created_dir;
	while (!dir.empty() && std::filesystem::remove(dir, ignored))  // removes empty folders only
		dir = dir.parent_path();
	return to_int(ExitCode::invalid_input);
}

}  // namespace

CLI::App *add_run_command(CLI::App &app, RunArguments &args)
{
	CLI::App *run = app.add_subcommand("run", "Run a scenario on this kernel (or a VM), check its assertions, "
						  "write results");
	run->footer("Examples:\n  kmemharness run scenarios/pcpu_bounce.toml --output /tmp/out --tap\n"
		    "  kmemharness run scenarios/page_faults.toml --lava --kcidb-origin my_lab\n"
		    "  kmemharness run --kernel \"$(kmemharness list kernels --image 6.1)\" scenarios/kmalloc_burst.toml\n"
		    "  kmemharness run --kernel-tree ~/linux/out scenarios/kmod_outstanding.toml");
	run->add_option("scenario", args.scenario, "scenario TOML file")->required();
	run->add_option("-o,--output", args.output, "result folder (default results/<scenario>/<UTC time>)");
	run->add_option("--attach", args.attach, "force a BPF attach variant")
		->check(CLI::IsMember(attach_mode_names()));
	CLI::Option *kernel = run->add_option("--kernel", args.kernel, "boot this kernel image in QEMU and run the "
						 "scenario there (overrides [target] kernel; `kmemharness list kernels` "
						 "shows the installed ones)");
	run->add_option("--kernel-tree", args.kernel, kernel_tree_help)
		->check(CLI::ExistingDirectory)
		->type_name("DIR")
		->excludes(kernel);
	run->add_option("--kernel-headers", args.kernel_headers,
			"headers to build the module with (default /usr/src/linux-headers-<release>); "
			"only scenarios with kmod workloads build it");
	run->add_option("--accel", args.accel, "QEMU accelerator (default auto: KVM if a probe boot works, else TCG)")
		->check(CLI::IsMember({"auto", "kvm", "tcg"}));
	run->add_option("--cmdline", args.cmdline, "extra guest kernel command line (VM runs)");
	run->add_option("--sysctl", args.sysctls, "NAME=VALUE, or NAME+=N to raise the value found by N: set for the "
						  "run after the scenario's [sysctl] and restored after it (in the guest "
						  "for a VM run; repeatable)")
		->type_name("NAME=VALUE");
	run->add_option("--module", args.module, "the built kmemharness.ko, for kernel-module workloads");
	run->add_flag("--in-guest", args.in_guest, "run here even if the scenario has a [target] kernel "
						   "(used inside the VM)");
	add_stdout_format_flags(run, run_output_formats(), args.stdout_format);
	add_kcidb_origin_option(run, args.kcidb_origin);
	run->add_flag("--no-wait", args.no_wait, "exit 3 at once when another run is measuring on this machine "
						  "(default: wait for it; host runs only)");
	run->add_flag("-v,--verbose", args.verbose, "show libbpf's messages");
	run->add_flag("-q,--quiet", args.quiet, "no progress and no summary; errors still go to stderr");
	return run;
}

Scenario load_scenario(const std::string &path)
{
	Scenario scenario = parse_scenario_file(path, find_workload_schema, workload_kinds(),
						collector_names(collector_registry()));
	validate_assertions(scenario, find_workload_schema);
	check_compare_table(scenario);
	check_guest_memory(scenario);
	return scenario;
}

std::string output_origin(const std::string &output)
{
	return output.empty() ? "the default result folder" : "--output";
}

// In a guest the harness beats on the console while it runs, so the host can tell a slow guest
// from a stopped one.
RunResult run_in_this_guest(const Scenario &scenario, const RunArguments &args, Progress &progress)
{
	Heartbeat heartbeat(STDERR_FILENO, guest_heartbeat_line, std::chrono::seconds(guest_heartbeat_seconds));
	return run_host(scenario, args, progress);
}

// The scenario with the --sysctl settings after its own [sysctl] ones: set in that order, the last wins.
Scenario with_sysctl_options(const Scenario &scenario, const RunArguments &args)
{
	Scenario changed = scenario;
	std::vector<SysctlSetting> settings = parse_sysctl_options(args.sysctls, "--sysctl");
	changed.sysctls.insert(changed.sysctls.end(), settings.begin(), settings.end());
	return changed;
}

RunResult run_where_asked(const Scenario &scenario, const RunArguments &args, const std::string &dir,
			  Progress &progress)
{
	if (args.in_guest)
		return run_in_this_guest(with_sysctl_options(scenario, args), args, progress);
	bool in_vm = !(args.kernel.empty() && scenario.target.kernel.empty());
	return in_vm ? run_vm(scenario, args, dir, progress) : run_host(with_sysctl_options(scenario, args), args, progress);
}

std::string create_default_result_dir(const std::string &scenario_name, const std::string &suffix)
{
	return create_unique_dir("results/" + scenario_name + "/" + utc_stamp() + suffix);
}

int run_command(const RunArguments &args)
{
	Scenario scenario = load_scenario(args.scenario);
	parse_sysctl_options(args.sysctls, "--sysctl");  // a bad one is exit 2 before any folder or guest
	Progress progress(Progress::detect_style(args.quiet));
	std::string dir = args.output.empty() ? create_default_result_dir(scenario.name) : args.output;
	check_output_folder(dir, output_origin(args.output));
	RunResult result = run_where_asked(scenario, args, dir, progress);
	if (result.exit_code == ExitCode::invalid_input)
		return refuse_invalid(result, args.output.empty() ? dir : "");
	write_result_files(result, dir, file_context(args, dir));
	index_result_or_warn(dir + "/result.json", result);
	print_outcome(result, args, dir);
	return to_int(result.exit_code);
}

}  // namespace kmh
