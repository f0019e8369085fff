// Timing `kmemharness matrix` on one kernel against one `kmemharness run --kernel` per scenario.
#include "matrix_timing.h"

#include <chrono>
#include <set>
#include <tuple>

#include <fmt/core.h>

#include "child_process.h"
#include "common/error.h"
#include "harness_run.h"
#include "report/result_json.h"
#include "system/file_io.h"

namespace kmh {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::minutes matrix_limit{ 40 };

double seconds_since(Clock::time_point start)
{
	return std::chrono::duration<double>(Clock::now() - start).count();
}

nlohmann::json read_json(const std::string &path)
{
	std::optional<std::string> text = read_text_file(path);
	if (!text)
		throw run_error("no " + path);
	return nlohmann::json::parse(*text);
}

// Each cell's guest time, and each distinct boot's time (cells of one boot share its console log's
// boot_seconds, setup_seconds and total_seconds).
void add_cell_times(MatrixTiming &timing, const std::string &grid_dir, const nlohmann::json &grid)
{
	std::set<std::tuple<double, double, double>> boots;
	for (const nlohmann::json &cell : grid.at("cells")) {
		RunResult result = result_from_json(read_json(grid_dir + "/" + cell.at("result").get<std::string>()));
		if (!result.vm)
			continue;
		timing.scenario_seconds += result.vm->scenario_seconds + result.vm->send_seconds;
		boots.insert({ result.vm->boot_seconds, result.vm->setup_seconds, result.vm->total_seconds });
	}
	timing.boots = boots.size();
	for (const auto &[boot, setup, total] : boots) {
		timing.boot_seconds += boot;
		timing.setup_seconds += setup;
	}
}

void time_matrix(MatrixTiming &timing, const std::string &binary, const std::vector<std::string> &scenarios,
		 const std::string &grid_dir)
{
	std::vector<std::string> argv = { binary, "matrix", "--quiet", "--accel", "tcg", "--kernel", timing.kernel,
					  "--output", grid_dir };
	argv.insert(argv.end(), scenarios.begin(), scenarios.end());
	auto started = Clock::now();
	ChildProcess matrix(argv);
	timing.matrix_exit_code = matrix.wait(matrix_limit);
	timing.matrix_wall_seconds = seconds_since(started);
	add_cell_times(timing, grid_dir, read_json(grid_dir + "/matrix.json"));
}

void time_runs(MatrixTiming &timing, const std::string &binary, const std::vector<std::string> &scenarios,
	       const std::string &scratch_dir)
{
	for (std::size_t i = 0; i < scenarios.size(); i++) {
		auto started = Clock::now();
		try {
			run_kmemharness(binary, scenarios[i], fmt::format("{}/run{}", scratch_dir, i),
					{ "--kernel", timing.kernel, "--accel", "tcg" });
		} catch (const Error &) {
			// A scenario this kernel cannot run still took its boot: its time counts all the same.
		}
		timing.runs_wall_seconds += seconds_since(started);
	}
}

}  // namespace

MatrixTiming measure_matrix_timing(const std::string &binary, const std::string &kernel,
				   const std::vector<std::string> &scenarios, const std::string &scratch_dir)
{
	MatrixTiming timing;
	timing.kernel = kernel;
	timing.scenarios = scenarios.size();
	if (kernel.empty() || scenarios.empty()) {
		timing.skipped = kernel.empty() ? "no kernel image (--matrix-kernel)" : "no scenarios";
		return timing;
	}
	try {
		time_matrix(timing, binary, scenarios, scratch_dir + "/grid");
		time_runs(timing, binary, scenarios, scratch_dir);
	} catch (const Error &error) {
		timing.skipped = error.what();
	}
	return timing;
}

void print_matrix_timing(const MatrixTiming &timing)
{
	fmt::print("\nMatrix of {} scenario(s) on {}: ", timing.scenarios, timing.kernel);
	if (!timing.skipped.empty()) {
		fmt::print("skipped: {}\n", timing.skipped);
		return;
	}
	fmt::print("exit {}\n  boot once: {:.1f} s wall ({} boot(s), {:.1f} s booting, {:.1f} s setting up the "
		   "guests, {:.1f} s in scenarios); target {:.1f} s (boots + set-ups + scenarios + 0.5 s each): {}\n"
		   "  boot per scenario: {:.1f} s wall; boot once is {:.2f}x faster\n",
		   timing.matrix_exit_code, timing.matrix_wall_seconds, timing.boots, timing.boot_seconds,
		   timing.setup_seconds, timing.scenario_seconds, timing.target_seconds(),
		   timing.matrix_wall_seconds <= timing.target_seconds() ? "met" : "MISSED", timing.runs_wall_seconds,
		   timing.runs_wall_seconds / timing.matrix_wall_seconds);
}

nlohmann::json matrix_timing_json(const MatrixTiming &timing)
{
	nlohmann::json entry = { { "kernel", timing.kernel },
				 { "scenarios", timing.scenarios },
				 { "boots", timing.boots },
				 { "matrix_wall_seconds", timing.matrix_wall_seconds },
				 { "boot_seconds", timing.boot_seconds },
				 { "setup_seconds", timing.setup_seconds },
				 { "scenario_seconds", timing.scenario_seconds },
				 { "target_seconds", timing.target_seconds() },
				 { "runs_wall_seconds", timing.runs_wall_seconds },
				 { "matrix_exit_code", timing.matrix_exit_code } };
	if (!timing.skipped.empty())
		entry["skipped"] = timing.skipped;
	return entry;
}

}  // namespace kmh
