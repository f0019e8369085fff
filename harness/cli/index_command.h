// `kmemharness index add` and `kmemharness history`: results copied back from other machines, and a metric across them.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "compare/result_index.h"

namespace kmh {

struct IndexArguments {
	std::vector<std::string> paths;  // result.json files or folders (run, matrix, ab)
	std::string index_path = default_index_path;
};

struct HistoryArguments {
	std::string scenario;
	std::string metric;
	std::string kernel_release;  // empty: every kernel
	std::string machine;         // empty: every machine
	std::string since;
	std::string html_path;  // empty: no page
	std::string index_path = default_index_path;
};

// `index` with its one verb `add`; returns the `add` subcommand, whose parsed() says it ran.
CLI::App *add_index_command(CLI::App &app, IndexArguments &args);
CLI::App *add_history_command(CLI::App &app, HistoryArguments &args);

// Prints one line per file and the counts. Returns 0 when every file was imported or indexed
// already, 2 when one was skipped (the others are imported all the same).
int index_add_command(const IndexArguments &args);

// Prints the table and writes the page asked for. Returns 0.
int history_command(const HistoryArguments &args);

}  // namespace kmh
