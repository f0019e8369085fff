// Counting the harness's own kmem events inside its window, with bpftrace on its USDT markers.
#include "self_perturbation.h"

#include <optional>
#include <sstream>

#include <fmt/core.h>

#include "child_process.h"
#include "common/error.h"
#include "common/external_programs.h"
#include "kmem_tracepoints.h"

namespace kmh {

namespace {

using std::chrono::milliseconds;

constexpr std::string_view event_prefix = "@events[tracepoint:kmem:";

std::string window_program(const std::string &binary)
{
	std::string usdt = "usdt:" + binary + ":kmemharness:";
	return "BEGIN { printf(\"ready\\n\"); } " + usdt + "window_open { @harness = pid; @open = 1; } " + usdt +
	       "window_close /pid == @harness/ { @open = 0; } " + bpftrace_probe_list() +
	       " /@open == 1 && pid == @harness/ { @events[probe] = count(); } END { clear(@harness); clear(@open); }";
}

}  // namespace

EventCounts parse_bpftrace_events(const std::string &output)
{
	EventCounts counts;
	std::istringstream lines(output);
	for (std::string line; std::getline(lines, line);) {
		std::size_t close = line.find("]: ");
		if (!line.starts_with(event_prefix) || close == std::string::npos)
			continue;
		counts[line.substr(event_prefix.size(), close - event_prefix.size())] = std::stod(line.substr(close + 3));
	}
	return counts;
}

SelfPerturbation measure_self_perturbation(const std::string &binary, const std::string &scenario,
					   const std::string &output_dir)
{
	SelfPerturbation measured{scenario, {}, {}, "", !find_program("bpftrace")};
	try {
		std::optional<ChildProcess> bpftrace;
		start_bpftrace(bpftrace, window_program(binary));
		HarnessRun run = run_kmemharness(binary, scenario, output_dir);
		bpftrace->interrupt_and_wait(milliseconds(30000));
		measured.harness = parse_bpftrace_events(bpftrace->output());
		measured.workload = collector_event_counts(run.result.metrics.all(), "workload");
	} catch (const Error &error) {
		measured.skipped = error.what();
	}
	return measured;
}

void print_self_perturbation(const SelfPerturbation &measured)
{
	fmt::print("\nself-perturbation, {}: ", measured.scenario);
	if (!measured.skipped.empty()) {
		fmt::print("skipped: {}\n", measured.skipped);
		return;
	}
	fmt::print("kmem events of the kmemharness process between its window markers (bpftrace on its USDT "
		   "probes)\n  {:<28} {:>10} {:>12} {:>10}\n", "tracepoint", "harness", "workload", "share");
	for (const auto &[tracepoint, workload] : measured.workload) {
		auto found = measured.harness.find(tracepoint);
		double harness = found == measured.harness.end() ? 0 : found->second;
		fmt::print("  {:<28} {:>10.0f} {:>12.0f} {:>9.4f}%\n", tracepoint, harness, workload,
			   workload > 0 ? 100 * harness / workload : 0.0);
	}
	double all = total_events(measured.workload);
	fmt::print("  {:<28} {:>10.0f} {:>12.0f} {:>9.4f}%\n", "all", total_events(measured.harness), all,
		   all > 0 ? 100 * total_events(measured.harness) / all : 0.0);
}

nlohmann::json self_perturbation_json(const SelfPerturbation &measured)
{
	nlohmann::json entry{{"scenario", measured.scenario}};
	if (!measured.skipped.empty()) {
		entry["skipped"] = measured.skipped;
		return entry;
	}
	entry["harness_events"] = measured.harness;
	entry["workload_events"] = measured.workload;
	double all = total_events(measured.workload);
	entry["harness_share"] = all > 0 ? total_events(measured.harness) / all : 0.0;
	return entry;
}

}  // namespace kmh
