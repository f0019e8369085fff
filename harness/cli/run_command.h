// `kmemharness run`: one scenario, on this kernel or in a VM, with its result folder and summary.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "common/progress.h"
#include "report/output_format.h"
#include "report/run_result.h"
#include "scenario/scenario.h"

namespace kmh {

struct RunArguments {
	std::string scenario;
	std::string output;
	std::string attach;
	std::string module;
	std::string kernel;
	std::string kernel_headers;
	std::string accel;
	std::string cmdline;  // extra guest kernel command line (VM runs)
	std::vector<std::string> sysctls;  // --sysctl NAME=VALUE or NAME+=N, set after the scenario's [sysctl]
	bool in_guest = false;
	std::string stdout_format;  // a run_output_formats() name (--tap); empty: none
	std::string kcidb_origin = default_kcidb_origin;  // --kcidb-origin
	bool no_wait = false;  // exit 3 instead of waiting while another run measures on this machine
	bool verbose = false;
	bool quiet = false;
};

CLI::App *add_run_command(CLI::App &app, RunArguments &args);

// Parses and validates a scenario file; throws invalid_input (exit 2).
Scenario load_scenario(const std::string &path);

// Runs on the running kernel, or boots a VM when a kernel is named by the arguments or the
// scenario's [target] (and we are not already the guest). `dir` receives the result files.
RunResult run_where_asked(const Scenario &scenario, const RunArguments &args, const std::string &dir,
			  Progress &progress);

// Creates results/<scenario>/<UTC time><suffix> under the working directory, with -2, -3, … after
// it when another run has that folder already (create_unique_dir); returns the folder.
std::string create_default_result_dir(const std::string &scenario_name, const std::string &suffix = "");

// How messages name the result folder: "--output", or "the default result folder" when it is empty.
std::string output_origin(const std::string &output);

// The whole verb; returns the exit code.
int run_command(const RunArguments &args);

}  // namespace kmh
