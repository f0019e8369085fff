// `kmemharness compare`: two sets of result.json compared, reported, and gated for CI.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "compare/compare_report.h"
#include "compare/result_index.h"
#include "compare/run_order.h"

namespace kmh {

struct CompareOptions {
	// Result files or folders (every result.json below a folder).
	std::vector<std::string> baseline;
	std::vector<std::string> candidate;
	// Runs picked from the result index instead of paths: used for a side whose paths are empty.
	std::string baseline_kernel;
	std::string candidate_kernel;
	std::string machine;  // both sides: runs of this machine only (empty: any machine)
	std::string baseline_machine;   // instead of `machine` for the baseline side
	std::string candidate_machine;  // instead of `machine` for the candidate side
	std::string scenario;  // required to pick from the index
	std::string since;     // ISO 8601; runs started at or after it
	std::string index_path = default_index_path;
	std::vector<std::string> gate_rules;  // docs/compare.md; added to the scenario's [compare] gate
	std::string min_effect;               // "2%" for every metric, instead of the scenario's; empty: the scenario's
	std::map<std::string, std::string> report_files;  // compare_output_formats() name -> FILE to write
	std::string stdout_format;                        // a compare_output_formats() name; empty: none
	std::optional<RunOrder> order;                    // ab: the order of the rounds (paths in round order)
};

// Loads both sides and compares them, printing and writing nothing. Throws as compare_command.
CompareReport build_report_for(const CompareOptions &options);

// Prints the comparison table on stdout and writes the reports asked for. Returns 1 when a gate
// rule failed, 0 otherwise. Throws kmh::Error (invalid_input, exit 2) for unreadable or mixed
// inputs and invalid gate rules.
int compare_command(const CompareOptions &options);

}  // namespace kmh
