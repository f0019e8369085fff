// kmh_bench_internals: Google Benchmark of scenario parsing, assertion evaluation and result.json on large inputs.
#include <benchmark/benchmark.h>

#include "assertions/assertion_evaluator.h"
#include "assertions/assertion_validator.h"
#include "collect/collector_registry.h"
#include "report/result_json.h"
#include "scenario/scenario_parser.h"
#include "system/file_io.h"
#include "workloads/workload.h"

namespace kmh {

namespace {

const char *const shipped_scenario = KMH_SOURCE_DIR "/scenarios/pcpu_bounce.toml";

std::string scenario_text()
{
	static const std::string text = read_text_file(shipped_scenario).value_or("");
	return text;
}

Scenario parsed_scenario()
{
	Scenario scenario = parse_scenario_text(scenario_text(), shipped_scenario, find_workload_schema,
						workload_kinds(), collector_names(collector_registry()));
	validate_assertions(scenario, find_workload_schema);
	return scenario;
}

// 4 families x 2 scopes x 11 orders x 6 migratetypes x 190 CPUs = 100,320 series, as a
// many-CPU machine's page and per-CPU list counters would give.
MetricStore large_store()
{
	const char *families[] = {"page.alloc.events", "pcp.refill.events", "pcp.drain.events", "pcp.direct.events"};
	const char *migratetypes[] = {"UNMOVABLE", "MOVABLE", "RECLAIMABLE", "HIGHATOMIC", "CMA", "ISOLATE"};
	MetricStore store;
	for (const char *family : families)
		for (const char *scope : {"system", "workload"})
			for (int order = 0; order <= 10; ++order)
				for (const char *migratetype : migratetypes)
					for (int cpu = 0; cpu < 190; ++cpu)
						store.add(family,
							  {{"cpu", std::to_string(cpu)},
							   {"order", std::to_string(order)},
							   {"migratetype", migratetype},
							   {"scope", scope}},
							  cpu + order);
	store.add("workload.bounce.pages", {}, 1000);
	return store;
}

RunResult large_result()
{
	RunResult result;
	result.tool_version = KMH_VERSION;
	result.status = "passed";
	result.complete = true;
	result.exit_code = ExitCode::passed;
	Scenario scenario = parsed_scenario();
	result.scenario = {scenario.name, scenario.description, scenario.file, scenario.text, "0"};
	result.metrics = large_store();
	result.assertions = evaluate_assertions(scenario, result.metrics);
	result.timings = {{"setup", 0.1}, {"attach", 0.2}, {"workloads", 2.5}};
	return result;
}

void scenario_parse_and_validate(benchmark::State &state)
{
	for (auto _ : state)
		benchmark::DoNotOptimize(parsed_scenario());
}
BENCHMARK(scenario_parse_and_validate);

void assertions_over_100k_series(benchmark::State &state)
{
	Scenario scenario = parsed_scenario();
	MetricStore store = large_store();
	for (auto _ : state)
		benchmark::DoNotOptimize(evaluate_assertions(scenario, store));
	state.counters["series"] = static_cast<double>(store.all().size());
}
BENCHMARK(assertions_over_100k_series)->Unit(benchmark::kMillisecond);

void result_json_write_100k_series(benchmark::State &state)
{
	RunResult result = large_result();
	for (auto _ : state)
		benchmark::DoNotOptimize(result_to_json(result).dump());
}
BENCHMARK(result_json_write_100k_series)->Unit(benchmark::kMillisecond);

void result_json_read_100k_series(benchmark::State &state)
{
	std::string text = result_to_json(large_result()).dump();
	for (auto _ : state)
		benchmark::DoNotOptimize(result_from_json(nlohmann::json::parse(text)));
	state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(result_json_read_100k_series)->Unit(benchmark::kMillisecond);

}  // namespace

}  // namespace kmh

BENCHMARK_MAIN();
