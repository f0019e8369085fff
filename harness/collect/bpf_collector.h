// The interface every BPF collector offers the runner: start, stop measuring, read out once.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "metrics/metric.h"
#include "report/collected_stack.h"
#include "report/run_result.h"
#include "scenario/scenario.h"

namespace kmh {

struct CollectorSettings {
	AttachMode attach = AttachMode::automatic;
	std::uint64_t workload_cgroup_id = 0;
	std::vector<int> workload_pids;  // kernel threads working for the scenario (module workers)
	std::vector<int> workload_processes = {};  // the workload child processes (uprobes attach to these)
	WorkloadContextMode workload_context = WorkloadContextMode::task;  // kmem collectors: which contexts are the workload's
	int callsites = callsites_default;  // the callsite collector: call sites named per scope, the rest "other"
	std::vector<std::string> workload_process_names = {};  // the [[workload]] name of each of workload_processes
	std::vector<UsdtProbeSpec> usdt_probes = {};            // the usdt collector: [[collect.usdt]]
};

class BpfCollector {
public:
	virtual ~BpfCollector() = default;
	virtual std::string name() const = 0;
	// Load the first attach variant that works (or the forced one) and attach it.
	// Throws kmh::Error: environment when no variant can load, run_failed when attaching fails.
	virtual void start(const CollectorSettings &settings) = 0;
	// Detach every program: nothing is counted after this; the maps stay readable.
	virtual void stop() = 0;
	// Read the in-kernel maps once and turn them into metrics.
	virtual std::vector<Metric> read() const = 0;
	// Which variant was chosen and which programs run, for result.json.
	virtual CollectorInfo info() const = 0;
	// Stacks worth showing with their frames (e.g. where memory leaked), read with the metrics.
	virtual std::vector<CollectedStack> stacks() const { return {}; }
	// What the collector recorded beyond metrics, read after read(): result.json's collectors[].details.
	virtual nlohmann::json details() const { return nlohmann::json::object(); }
};

}  // namespace kmh
