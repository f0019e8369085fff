// The matrix verb: options, the plan, the run, the grid on the terminal and in its files.
#include "cli/matrix_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/kernel_tree_option.h"
#include "cli/run_command.h"
#include "matrix/grid_outputs.h"
#include "matrix/matrix_runner.h"
#include "report/output_options.h"
#include "report/output_writer.h"
#include "system/output_folder.h"

namespace kmh {

CLI::App *add_matrix_command(CLI::App &app, MatrixArguments &args)
{
	CLI::App *matrix = app.add_subcommand("matrix", "Run scenarios on several kernels (images in QEMU, or host): "
							"one boot per kernel, a grid of verdicts");
	matrix->footer("Examples:\n"
		       "  kmemharness matrix --kernel \"$(kmemharness list kernels --image 6.1)\" "
		       "--kernel \"$(kmemharness list kernels --image 6.12)\" --kernel host 'scenarios/*.toml'\n"
		       "  kmemharness matrix --kernel host --output /tmp/grid scenarios/pcpu_bounce.toml\n"
		       "  kmemharness matrix --kernel host --kernel-tree ~/linux/out 'scenarios/*.toml'\n"
		       + fmt::format("Writes <output>/<kernel>/<scenario>/result.json per cell, and {}.\n",
				     fmt::join(output_file_names(grid_output_formats()), ", ")) +
		       "Exit code: the worst cell's (5 > 4 > 2 > 1 > 3 > 0).");
	matrix->add_option("scenarios", args.request.scenarios, "scenario files or globs (quoted: 'scenarios/*.toml')")
		->required();
	matrix->add_option("--kernel", args.request.kernels, "a kernel image to boot in QEMU, or host; repeat it");
	add_kernel_tree_option(matrix, args.request.kernels);
	matrix->add_option("-o,--output", args.request.output_dir, "output folder (default results/matrix/<UTC time>)");
	matrix->add_option("--accel", args.request.accel, "QEMU accelerator (default: each scenario's [target] accel, auto)")
		->check(CLI::IsMember({ "auto", "kvm", "tcg" }));
	matrix->add_option("--kernel-headers", args.request.kernel_headers,
			   "headers to build the module with, when one kernel image is given");
	matrix->add_flag("-q,--quiet", args.quiet, "no progress; the grid is still printed");
	add_stdout_format_flags(matrix, grid_output_formats(), args.stdout_format);
	add_kcidb_origin_option(matrix, args.request.kcidb_origin);
	return matrix;
}

int matrix_command(const MatrixArguments &args)
{
	MatrixPlan plan = plan_matrix(args.request, load_scenario);
	check_output_folder(plan.grid.output_dir, output_origin(args.request.output_dir));
	Progress progress(Progress::detect_style(args.quiet));
	MatrixGrid grid = run_matrix(plan, args.request, progress);
	const OutputTable<MatrixGrid> &formats = grid_output_formats();
	RenderContext context;
	context.kcidb_origin = args.request.kcidb_origin;
	write_output_folder(formats, grid, grid.output_dir, context);
	context.output_dir = grid.output_dir;
	print_stdout_format(formats, grid, args.stdout_format, context);
	TerminalStream terminal = terminal_stream(!args.stdout_format.empty());
	fmt::print(terminal.file, "{}\nresults: {} ({})\n", render_terminal(formats, grid, terminal.context),
		   grid.output_dir, fmt::join(output_file_names(formats), ", "));
	return to_int(matrix_exit_code(grid));
}

}  // namespace kmh
