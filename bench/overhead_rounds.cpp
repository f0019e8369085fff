// The alternated rounds of the overhead benchmark and their per-round ratios to the bare run.
#include "overhead_rounds.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "common/error.h"

namespace kmh {

namespace {

using Clock = std::chrono::steady_clock;

void time_one(Tracer &tracer, const BenchWorkload &workload, VariantTimes &times)
{
	try {
		tracer.start();
		auto started = Clock::now();
		workload.run();
		times.seconds.push_back(std::chrono::duration<double>(Clock::now() - started).count());
		tracer.stop();
	} catch (const Error &error) {
		times.skipped = error.what();
		times.tool_missing = !tracer.missing_tool().empty();
		times.seconds.clear();
	}
}

}  // namespace

std::vector<VariantTimes> time_variants(const std::vector<std::unique_ptr<Tracer>> &tracers,
					const BenchWorkload &workload, int rounds)
{
	std::vector<VariantTimes> times;
	for (const auto &tracer : tracers)
		times.push_back({tracer->name(), {}, "", false});
	workload.run();  // warm-up: first-touch costs stay out of every variant's figures
	for (int round = 0; round < rounds; ++round) {
		for (std::size_t step = 0; step < tracers.size(); ++step) {
			std::size_t i = round % 2 == 0 ? step : tracers.size() - 1 - step;
			if (times[i].skipped.empty())
				time_one(*tracers[i], workload, times[i]);
		}
	}
	return times;
}

double median(std::vector<double> values)
{
	if (values.empty())
		return std::nan("");
	std::sort(values.begin(), values.end());
	std::size_t middle = values.size() / 2;
	return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

VariantSummary summarize(const VariantTimes &variant, const VariantTimes &bare)
{
	std::vector<double> ratios;
	std::vector<double> differences;
	for (std::size_t round = 0; round < std::min(variant.seconds.size(), bare.seconds.size()); ++round) {
		ratios.push_back(variant.seconds[round] / bare.seconds[round] - 1);
		differences.push_back(variant.seconds[round] - bare.seconds[round]);
	}
	return {median(variant.seconds), 100 * median(ratios), median(differences)};
}

}  // namespace kmh
