// `kmemharness ab`: one scenario on two kernels (or boot options, or sysctls), interleaved and compared.
#pragma once

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
};

CLI::App *add_ab_command(CLI::App &app, AbArguments &args);

// Runs A B A B … `repeat` times, keeps every result, then compares A with B. Returns compare's
// exit code (1 when a gate rule fails), or the first run's code when a run could not be made.
int ab_command(const AbArguments &args);

}  // namespace kmh
