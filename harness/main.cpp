// kmemharness command line: the verbs, and the one place fatal errors become exit codes.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "cli/ab_command.h"
#include "cli/index_command.h"
#include "cli/ledger_command.h"
#include "cli/list_kernels.h"
#include "cli/matrix_command.h"
#include "cli/run_command.h"
#include "common/bisect_exit.h"
#include "common/error.h"
#include "compare/compare_cli.h"
#include "metrics/catalog.h"
#include "workloads/workload.h"

namespace kmh {

namespace {

int validate_verb(const std::string &path)
{
	Scenario scenario = load_scenario(path);
	fmt::print("{}: valid ({} workload(s), {} assertion(s))\n", path, scenario.workloads.size(),
		   scenario.assertions.size());
	return 0;
}

int list_verb(const std::string &what, const std::string &kernel_choice)
{
	if (!kernel_choice.empty() && what != "kernels")
		throw invalid_input("--image picks a kernel: use it with `list kernels`");
	if (what == "kernels")
		return kernel_choice.empty() ? list_kernels() : print_kernel_image(kernel_choice);
	if (what == "workloads") {
		for (const WorkloadDescriptor &d : workload_registry())
			fmt::print("{:<12} {}\n", d.schema.kind, d.schema.summary);
	} else {
		for (const MetricFamily &family : metric_catalog())
			fmt::print("{:<32} {}\n", family.name, family.help);
	}
	return 0;
}

}  // namespace

// --bisect: the exit code follows git bisect run's contract (common/bisect_exit.h).
struct ExitStyle {
	bool bisect = false;
	std::string crash = "bad";

	int apply(int code) const
	{
		return bisect ? bisect_exit_code(code, crash == "skip" ? BisectCrash::skip : BisectCrash::bad) : code;
	}
};

int run_main(int argc, char **argv, ExitStyle &style)
{
	CLI::App app{"kmemharness: workloads, BPF kmem collectors and assertions for the kernel's memory allocators"};
	app.footer("Exit codes: 0 passed, 1 assertion or gate failed, 2 invalid scenario or command line, "
		   "3 environment cannot run it, 4 run failed, 5 kernel crashed.\nSee `kmemharness <command> --help`.");
	app.set_version_flag("--version", KMH_VERSION);
	app.require_subcommand(1);
	app.add_flag("--bisect", style.bisect, "exit codes for `git bisect run` (before the verb): 0 good, 1 bad, "
					       "125 skip (environment, run failed), 128 abort (invalid input); see docs/compare.md");
	app.add_option("--bisect-crash", style.crash, "with --bisect: a crashed or hung kernel (exit 5) is bad (default) or skip")
		->check(CLI::IsMember({"bad", "skip"}));
	RunArguments run_args;
	CLI::App *run = add_run_command(app, run_args);
	std::string validate_path;
	CLI::App *validate = app.add_subcommand("validate", "Check a scenario file without running it");
	validate->add_option("scenario", validate_path, "scenario TOML file")->required();
	validate->footer("Example: kmemharness validate scenarios/pcpu_bounce.toml");
	std::string list_what = "metrics";
	std::string list_kernel_choice;
	CLI::App *list = app.add_subcommand("list", "List workload kinds, metric families or installed kernels");
	list->add_option("what", list_what, "workloads, metrics or kernels")
		->check(CLI::IsMember({"workloads", "metrics", "kernels"}));
	list->add_option("--image", list_kernel_choice,
			 "with kernels: print only the image of the newest installed SERIES[-FLAVOUR] kernel with headers");
	list->footer("Examples:\n  kmemharness list workloads\n  kmemharness list kernels\n"
		     "  kmemharness run --kernel \"$(kmemharness list kernels --image 6.1)\" scenarios/kmalloc_burst.toml");
	CompareOptions compare_options;
	CLI::App *compare = add_compare_command(app, compare_options);
	AbArguments ab_args;
	CLI::App *ab = add_ab_command(app, ab_args);
	MatrixArguments matrix_args;
	CLI::App *matrix = add_matrix_command(app, matrix_args);
	IndexArguments index_args;
	CLI::App *index_add = add_index_command(app, index_args);
	HistoryArguments history_args;
	CLI::App *history = add_history_command(app, history_args);
	LedgerArguments ledger_args;
	CLI::App *ledger = add_ledger_command(app, ledger_args);
	try {
		app.parse(arguments_for_parse(argc, argv));
	} catch (const CLI::ParseError &error) {
		int code = app.exit(error);
		return style.apply(code == 0 ? 0 : to_int(ExitCode::invalid_input));
	}
	if (run->parsed())
		return style.apply(run_command(run_args));
	if (validate->parsed())
		return style.apply(validate_verb(validate_path));
	if (compare->parsed())
		return style.apply(compare_command(compare_options));
	if (ab->parsed())
		return style.apply(ab_command(ab_args));
	if (matrix->parsed())
		return style.apply(matrix_command(matrix_args));
	if (index_add->parsed())
		return style.apply(index_add_command(index_args));
	if (history->parsed())
		return style.apply(history_command(history_args));
	if (ledger->parsed())
		return style.apply(ledger_command(ledger_args));
	return style.apply(list_verb(list_what, list_kernel_choice));
}

}  // namespace kmh

int main(int argc, char **argv)
{
	kmh::ExitStyle style;
	try {
		return kmh::run_main(argc, argv, style);
	} catch (const kmh::Error &error) {
		fmt::print(stderr, "kmemharness: {}\n", error.what());
		return style.apply(kmh::to_int(error.code()));
	} catch (const std::exception &error) {
		fmt::print(stderr, "kmemharness: internal error: {}\n", error.what());
		return style.apply(kmh::to_int(kmh::ExitCode::run_failed));
	}
}
