// What a matrix will run: its kernels, its scenarios (globs expanded, each validated) and folders.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "matrix/matrix_grid.h"
#include "report/output_format.h"
#include "scenario/scenario.h"

namespace kmh {

struct MatrixRequest {
	std::vector<std::string> kernels;    // kernel images, or "host" for the running kernel
	std::vector<std::string> scenarios;  // files, or globs such as scenarios/*.toml
	std::string output_dir;              // "" = results/matrix/<UTC time>
	std::string accel;                   // "" = each scenario's [target] accel
	std::string kernel_headers;          // "" = /usr/src/linux-headers-<release> of each image
	std::string harness_binary = "/proc/self/exe";  // runs each host cell
	std::string kcidb_origin = default_kcidb_origin;  // the origin of each cell's kcidb.json
};

struct MatrixPlan {
	MatrixGrid grid;                  // kernels and scenarios filled in, no cells yet
	std::vector<Scenario> scenarios;  // parsed and validated, in grid order
};

// Parses and validates one scenario file; throws invalid_input (exit 2).
using ScenarioLoader = std::function<Scenario(const std::string &path)>;

// Expands the globs (one that matches nothing is an error), loads every scenario, reads each
// kernel image's release and names the folders. Throws invalid_input for a bad scenario, an empty
// list or a kernel given twice, environment_error for an image that cannot be read.
MatrixPlan plan_matrix(const MatrixRequest &request, const ScenarioLoader &load);

// Files matching the arguments, in the order given; a glob's matches sorted.
std::vector<std::string> expand_scenario_arguments(const std::vector<std::string> &arguments);

}  // namespace kmh
