// `kmemharness ab`: one scenario on two kernels (or boot options, or sysctls), interleaved and compared.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/run_command.h"

namespace kmh {

struct AbArguments {
	RunArguments run;                  // scenario, output folder, accel, headers, quiet, verbose
	std::vector<std::string> kernels;  // none: this kernel; one: both sides; two: A and B
	std::string cmdline_a;
	std::string cmdline_b;
	std::vector<std::string> sysctl_a;  // "name=value"
	std::vector<std::string> sysctl_b;
	int repeat = 5;
	std::vector<std::string> gates;
	std::string min_effect;  // as compare's --min-effect
	std::string order = "alternate";  // "alternate" (AB BA AB …) or "random" (pairs AB BA / BA AB by seed)
	std::optional<std::uint64_t> seed;  // random: the seed; default: from the clock, and recorded
	bool no_reset = false;              // host runs: no drop_caches / compaction between runs
	bool until_decided = false;         // add rounds until every gate's metric is decided
	int max_repeat = 20;                // with until_decided: the most rounds
};

CLI::App *add_ab_command(CLI::App &app, AbArguments &args);

// Runs `repeat` rounds, each A then B or B then A (balanced), resetting the host between host runs,
// with --until-decided more rounds until the gates' metrics are decided or max_repeat is reached;
// keeps every result, then compares A with B, position test included. Returns compare's exit code
// (1 when a gate rule fails), or the first run's code when a run could not be made.
int ab_command(const AbArguments &args);

}  // namespace kmh
