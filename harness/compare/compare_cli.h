// The `compare` subcommand's options for CLI11, and the `--` that separates baseline from candidate.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compare/compare_command.h"

namespace kmh {

// Adds `compare` to app, filling options when it is parsed.
CLI::App *add_compare_command(CLI::App &app, CompareOptions &options);

// CLI11 swallows a bare `--`, so `compare A... -- B...` is rewritten to `compare A... --candidate B...`
// before parsing. Returns the arguments (without the program name) in the reversed order
// CLI::App::parse(std::vector<std::string> &&) expects.
std::vector<std::string> arguments_for_parse(int argc, char **argv);

}  // namespace kmh
