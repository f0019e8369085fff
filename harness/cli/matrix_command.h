// `kmemharness matrix`: kernels × scenarios, one boot per kernel, a grid of verdicts.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "matrix/matrix_plan.h"

namespace kmh {

struct MatrixArguments {
	MatrixRequest request;
	bool quiet = false;
	std::string stdout_format;  // a grid_output_formats() name; empty: none
};

CLI::App *add_matrix_command(CLI::App &app, MatrixArguments &args);

// Plans and runs the matrix, writes its files, prints the grid; returns the worst cell's exit code.
int matrix_command(const MatrixArguments &args);

}  // namespace kmh
