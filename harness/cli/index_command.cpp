// CLI11 wiring and the verbs' bodies for `index add` and `history`.
#include "cli/index_command.h"

#include <cstdio>

#include <fmt/core.h>

#include "common/exit_code.h"
#include "index/history_report.h"
#include "index/index_import.h"
#include "system/file_io.h"

namespace kmh {

CLI::App *add_index_command(CLI::App &app, IndexArguments &args)
{
	CLI::App *index = app.add_subcommand("index", "Manage the result index (results/index.sqlite)");
	index->require_subcommand(1);
	CLI::App *add = index->add_subcommand("add", "Import result.json files, or run, matrix and ab folders, copied from other machines");
	add->add_option("paths", args.paths, "result.json files or folders to walk")->required();
	add->add_option("--index", args.index_path, "the result index")->capture_default_str();
	add->footer("Example: kmemharness index add lab-b/results/matrix/20261202T071500Z lab-c/result.json\n"
		    "A run is recognised by the SHA-256 of its result.json: importing it again adds nothing.\n"
		    "Exit codes: 0 every file imported or indexed already, 2 a file was skipped (the rest are imported),\n"
		    "4 the index could not be written (it is left as it was).");
	return add;
}

CLI::App *add_history_command(CLI::App &app, HistoryArguments &args)
{
	CLI::App *history = app.add_subcommand("history", "Print (and plot) one metric of a scenario across the indexed kernels, machines and time");
	history->add_option("scenario", args.scenario, "the scenario's name")->required();
	history->add_option("metric", args.metric, "a metric selector or expression, e.g. 'pcp.drain.events{scope=workload}'")->required();
	history->add_option("--kernel-release", args.kernel_release, "runs of this kernel release only");
	history->add_option("--machine", args.machine, "runs of this machine only");
	history->add_option("--since", args.since, "runs started at or after this date (2026-12-01)");
	history->add_option("--html", args.html_path, "also write a self-contained HTML page with the plot to FILE");
	history->add_option("--index", args.index_path, "the result index")->capture_default_str();
	history->footer("Example: kmemharness history pcpu_bounce 'pcp.drain.events{scope=workload}' --html drains.html\n"
			"Exit codes: 0 printed, 2 invalid metric, no index or no run of the scenario.");
	return history;
}

int index_add_command(const IndexArguments &args)
{
	ImportReport report = import_results(args.paths, args.index_path);
	std::fputs(import_report_text(report).c_str(), stdout);
	return report.skipped.empty() ? 0 : to_int(ExitCode::invalid_input);
}

int history_command(const HistoryArguments &args)
{
	MetricHistory history =
		metric_history(args.scenario, args.metric, {"", args.kernel_release, args.since, args.machine}, args.index_path);
	std::fputs(history_table_text(history).c_str(), stdout);
	if (!args.html_path.empty()) {
		write_file_atomically(args.html_path, history_html(history));
		fmt::print("wrote {}\n", args.html_path);
	}
	return 0;
}

}  // namespace kmh
