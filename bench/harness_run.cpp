// Running the kmemharness binary on a scenario for the self-perturbation and end-to-end figures.
#include "harness_run.h"

#include "child_process.h"
#include "common/error.h"
#include "event_counts.h"
#include "report/result_json.h"
#include "system/file_io.h"

namespace kmh {

namespace {

using Clock = std::chrono::steady_clock;

}  // namespace

HarnessRun run_kmemharness(const std::string &binary, const std::string &scenario, const std::string &output_dir,
			   const std::vector<std::string> &extra_args)
{
	HarnessRun run;
	auto started = Clock::now();
	std::vector<std::string> argv = {binary, "run", scenario, "--output", output_dir, "--quiet"};
	argv.insert(argv.end(), extra_args.begin(), extra_args.end());
	ChildProcess process(argv);
	run.exit_code = process.wait(std::chrono::minutes(5));
	run.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
	if (run.exit_code == static_cast<int>(ExitCode::environment))
		throw environment_error("kmemharness run cannot run here:\n" + process.output());
	auto text = read_text_file(output_dir + "/result.json");
	if (!text)
		throw run_error("kmemharness run exited " + std::to_string(run.exit_code) + " without a result.json:\n" +
				process.output());
	run.result = result_from_json(nlohmann::json::parse(*text));
	return run;
}

std::map<std::string, std::pair<double, double>> scoped_family_totals(const MetricStore &metrics)
{
	std::map<std::string, std::pair<double, double>> totals;
	for (const Metric &metric : metrics.all()) {
		auto scope = metric.labels.find("scope");
		if (scope == metric.labels.end() || !counts_tracepoint_events(metric.name))
			continue;
		auto &[system, workload] = totals[metric.name];
		(scope->second == "system" ? system : workload) += metric.value;
	}
	return totals;
}

double stage_seconds(const RunResult &result, const std::string &stage)
{
	for (const StageTiming &timing : result.timings)
		if (timing.stage == stage)
			return timing.seconds;
	return 0;
}

}  // namespace kmh
