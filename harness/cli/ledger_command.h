// `kmemharness ledger MATRIX_DIR`: every claim of the claims file decided on every kernel of a matrix run.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace kmh {

struct LedgerArguments {
	std::string matrix_dir;
	std::string claims_path = "claims/claims.toml";
	std::vector<std::string> ab_dirs;  // --ab: `kmemharness ab` folders for the claims an A/B decides
	std::string output_path;  // empty: standard output
};

CLI::App *add_ledger_command(CLI::App &app, LedgerArguments &args);

// Writes the Markdown ledger. Returns 0; throws invalid_input for a bad claims file or matrix folder.
int ledger_command(const LedgerArguments &args);

}  // namespace kmh
