// Boot once against boot per scenario: the shipped list on one kernel, as `matrix` and as `run`s.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kmh {

struct MatrixTiming {
	std::string kernel;
	std::size_t scenarios = 0;
	std::size_t boots = 0;           // the boots the matrix needed (one per distinct [target] machine)
	double matrix_wall_seconds = 0;  // `kmemharness matrix --kernel K <scenarios>`, fork to exit
	double boot_seconds = 0;         // those boots' QEMU start to /init, summed
	double setup_seconds = 0;        // those boots' guest set-up (scratch disk) after /init, summed
	double scenario_seconds = 0;     // the cells' own guest time (harness run + sending results), summed
	double runs_wall_seconds = 0;    // a `kmemharness run --kernel K` per scenario, summed
	int matrix_exit_code = 0;
	std::string skipped;             // why nothing was measured, or ""

	// One boot per machine (QEMU start until the guest is set up to run scenarios) plus the
	// scenarios' own times plus 0.5 s per scenario.
	double target_seconds() const
	{
		return boot_seconds + setup_seconds + scenario_seconds + 0.5 * static_cast<double>(scenarios);
	}
};

// Runs the matrix once and then each scenario on its own, on `kernel` under TCG.
MatrixTiming measure_matrix_timing(const std::string &binary, const std::string &kernel,
				   const std::vector<std::string> &scenarios, const std::string &scratch_dir);

void print_matrix_timing(const MatrixTiming &timing);
nlohmann::json matrix_timing_json(const MatrixTiming &timing);

}  // namespace kmh
