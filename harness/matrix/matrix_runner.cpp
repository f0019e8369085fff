// Running each kernel's column of the matrix and collecting its cells.
#include "matrix/matrix_runner.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <tuple>

#include <fmt/core.h>

#include "matrix/boot_groups.h"
#include "matrix/cell_outcome.h"
#include "report/output_writer.h"
#include "report/run_outputs.h"
#include "report/result_json.h"
#include "system/file_io.h"
#include "system/interrupt_watch.h"
#include "vm/command.h"
#include "vm/vm_run.h"

namespace kmh {

namespace {

namespace fs = std::filesystem;

struct MatrixRun {
	const MatrixPlan &plan;
	const MatrixRequest &request;
	Progress &progress;
	InterruptWatch interrupts;
	MatrixGrid grid;
};

std::string cell_dir(const MatrixGrid &grid, std::size_t kernel, std::size_t scenario)
{
	return (fs::path(grid.output_dir) / grid.kernels[kernel].slug / grid.scenarios[scenario].slug).string();
}

std::string cell_line(const MatrixCell &cell)
{
	std::string line = fmt::format("{} (exit {}, {:.1f} s)", cell_verdict_name(cell.verdict), to_int(cell.exit_code),
				       cell.seconds);
	return cell.details.empty() ? line : line + ": " + cell.details.front();
}

void add_cell(MatrixRun &run, const RunResult &result, std::size_t kernel, std::size_t scenario)
{
	std::string dir = cell_dir(run.grid, kernel, scenario);
	RenderContext context;
	context.kcidb_origin = run.request.kcidb_origin;
	write_output_folder(run_output_formats(), result, dir, context);
	MatrixCell cell = cell_outcome(result);
	cell.kernel = kernel;
	cell.scenario = scenario;
	cell.result_dir = dir;
	run.grid.cells.push_back(cell);
	if (result.status == "interrupted")
		run.grid.complete = false;
}

bool stopping(MatrixRun &run)
{
	if (run.interrupts.interrupted())
		run.grid.complete = false;
	return !run.grid.complete;
}

// A host cell runs as `kmemharness run` in a process of its own, as a user would run it: workloads
// are forked from the harness and inherit its heap, and a matrix that has already read guests'
// results has glibc's mmap threshold raised (malloc_leak then saw no mmap'd blocks, and oom_kill's
// victims held a third more than the limit).
RunResult run_host_cell(const MatrixRun &run, const Scenario &scenario, const std::string &dir)
{
	CommandOutput child = run_command({ run.request.harness_binary, "run", "--in-guest", "--quiet", "--output", dir,
					    scenario.file },
					  "", OnSignal::pass_on);
	std::optional<std::string> json = read_text_file((fs::path(dir) / "result.json").string());
	if (json)
		return result_from_json(nlohmann::json::parse(*json));
	RunResult result;
	result.scenario.name = scenario.name;
	result.scenario.file = scenario.file;
	result.exit_code = ExitCode::run_failed;
	result.status = "run_failed";
	result.errors = { fmt::format("kmemharness run exited {} without writing {}/result.json: {}", child.exit_status,
				      dir, last_lines(child.output, 5)) };
	return result;
}

void run_host_column(MatrixRun &run, std::size_t kernel)
{
	std::size_t count = run.plan.scenarios.size();
	for (std::size_t s = 0; s < count && !stopping(run); s++) {
		const Scenario &scenario = run.plan.scenarios[s];
		run.progress.step(fmt::format("{}: scenario {}/{} '{}'", run.grid.kernels[kernel].label(), s + 1, count,
					      scenario.name));
		add_cell(run, run_host_cell(run, scenario, cell_dir(run.grid, kernel, s)), kernel, s);
		run.progress.done(cell_line(run.grid.cells.back()));
	}
}

// The guest a group of scenarios shares: the machine they all ask for, a scratch disk as large
// as the largest asks for.
VmRunOptions boot_options(const MatrixRun &run, const std::vector<std::size_t> &group, const MatrixKernel &kernel)
{
	VmRunOptions options = vm_run_options(run.plan.scenarios[group.front()]);
	for (std::size_t s : group)
		options.disk_bytes = std::max(options.disk_bytes, run.plan.scenarios[s].target.disk_bytes);
	options.kernel_image = kernel.image;
	if (!run.request.accel.empty())
		options.accel = run.request.accel;
	if (!run.request.kernel_headers.empty())
		options.kernel_headers = run.request.kernel_headers;
	return options;
}

void run_guest_column(MatrixRun &run, std::size_t kernel)
{
	for (const std::vector<std::size_t> &group : boot_groups(run.plan.scenarios)) {
		if (stopping(run))
			return;
		std::vector<VmScenario> entries;
		for (std::size_t s : group)
			entries.push_back({ &run.plan.scenarios[s], cell_dir(run.grid, kernel, s) });
		const MatrixKernel &target = run.grid.kernels[kernel];
		std::vector<RunResult> results =
			run_in_vm(entries, boot_options(run, group, target), run.progress);
		for (std::size_t i = 0; i < group.size(); i++) {
			add_cell(run, results[i], kernel, group[i]);
			run.progress.note(fmt::format("{}: '{}' {}", target.label(), run.plan.scenarios[group[i]].name,
						      cell_line(run.grid.cells.back())));
		}
	}
}

}  // namespace

MatrixGrid run_matrix(const MatrixPlan &plan, const MatrixRequest &request, Progress &progress)
{
	auto started = std::chrono::steady_clock::now();
	MatrixRun run{ plan, request, progress, {}, plan.grid };
	for (std::size_t k = 0; k < run.grid.kernels.size() && !stopping(run); k++) {
		const MatrixKernel &kernel = run.grid.kernels[k];
		progress.note(fmt::format("kernel {}/{}: {}{}", k + 1, run.grid.kernels.size(), kernel.label(),
					  kernel.host() ? "" : " (" + kernel.image + ")"));
		if (kernel.host())
			run_host_column(run, k);
		else
			run_guest_column(run, k);
	}
	std::stable_sort(run.grid.cells.begin(), run.grid.cells.end(), [](const MatrixCell &a, const MatrixCell &b) {
		return std::tie(a.kernel, a.scenario) < std::tie(b.kernel, b.scenario);
	});
	run.grid.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
	return run.grid;
}

}  // namespace kmh
