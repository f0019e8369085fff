// kmh_bench_matrix: the shipped scenarios on one kernel under TCG, booted once against booted per scenario.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <CLI/CLI.hpp>

#include "matrix/matrix_plan.h"
#include "matrix_timing.h"
#include "vm/installed_kernel.h"

namespace kmh {

namespace {

// Debian 12's default kernel: what the figures in docs/performance.md were measured on.
const KernelChoice default_kernel{"6.1", "generic"};

struct Options {
	std::string kmemharness = KMH_BINARY;
	std::string kernel;
	std::vector<std::string> scenarios = { KMH_SOURCE_DIR "/scenarios/*.toml" };
	std::string json_file;
};

int run(int argc, char **argv)
{
	Options options;
	CLI::App app{ "Runs the scenarios once as `kmemharness matrix --kernel K` (one boot per guest machine) and "
		      "once as a `kmemharness run --kernel K` each, under TCG, and compares the wall times.\n"
		      "Example: kmh_bench_matrix --json /tmp/matrix.json" };
	app.add_option("--kmemharness", options.kmemharness, "the kmemharness binary");
	app.add_option("--kernel", options.kernel, "kernel image (default: the installed generic Debian 6.1 kernel)");
	app.add_option("scenarios", options.scenarios, "scenario files or globs (default: every shipped scenario)");
	app.add_option("--json", options.json_file, "also write the figures as JSON to this file");
	CLI11_PARSE(app, argc, argv);
	if (options.kernel.empty())
		if (std::optional<InstalledKernel> kernel = installed_kernel_with_headers(default_kernel))
			options.kernel = kernel->image;
	std::string scratch = "/tmp/kmh_bench_matrix." + std::to_string(getpid());
	MatrixTiming timing = measure_matrix_timing(options.kmemharness, options.kernel,
						    expand_scenario_arguments(options.scenarios), scratch);
	std::filesystem::remove_all(scratch);
	print_matrix_timing(timing);
	if (!options.json_file.empty())
		std::ofstream(options.json_file) << matrix_timing_json(timing).dump(2) << "\n";
	return timing.skipped.empty() ? 0 : 1;
}

}  // namespace

}  // namespace kmh

int main(int argc, char **argv)
{
	return kmh::run(argc, argv);
}
