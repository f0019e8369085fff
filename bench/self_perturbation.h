// Events the harness process itself causes inside its measured window, counted by bpftrace.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "event_counts.h"
#include "harness_run.h"

namespace kmh {

struct SelfPerturbation {
	std::string scenario;
	EventCounts harness;   // kmem events of the kmemharness process between its window markers
	EventCounts workload;  // the run's own scope=workload counts
	std::string skipped;   // why it was not measured, or ""
	bool tool_missing = false;  // skipped because bpftrace is not installed
};

// Runs `binary run scenario` under a bpftrace program that follows the binary's USDT window
// markers (kmemharness:window_open / window_close) and counts the kmem tracepoints fired by the
// harness's own process between them.
SelfPerturbation measure_self_perturbation(const std::string &binary, const std::string &scenario,
					   const std::string &output_dir);

// "@events[tracepoint:kmem:mm_page_alloc]: 12" lines of bpftrace's map dump.
EventCounts parse_bpftrace_events(const std::string &output);

void print_self_perturbation(const SelfPerturbation &measured);
nlohmann::json self_perturbation_json(const SelfPerturbation &measured);

}  // namespace kmh
