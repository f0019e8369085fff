// What a scenario may say about a workload kind: its name, options and metrics, and how the parser finds it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "scenario/option.h"

namespace kmh {

// A metric a workload kind reports about itself, e.g. {"pages", "base pages faulted in", {}}.
struct WorkloadMetricSpec {
	std::string metric;
	std::string help;
	std::vector<std::string> labels;
};

// One [[workload]] as its kind sees it: when checked, and when created to run.
struct WorkloadContext {
	std::string name;           // the [[workload]] name
	const OptionValues *options = nullptr;
	std::vector<int> cpus;      // as given in the scenario; empty: any
	std::string scratch_dir;    // a private directory the workload may use; removed afterwards
};

// The scenario-facing half of a workload kind; workloads/ adds how to run it.
struct WorkloadSchema {
	std::string kind;
	std::string summary;
	std::vector<OptionSpec> options;
	std::vector<WorkloadMetricSpec> metrics;
	// Checks of the options that need neither this machine nor the kernel under test (a product of
	// two options, a flag string, a multiple of the page size); throws invalid_input. `validate`
	// runs it on every workload and create() again. Empty: each option's own range is all.
	std::function<void(const WorkloadContext &)> check;
};

// The workload kind of that name, or nullptr: how the parser and the assertion validator learn
// which kinds exist (main passes kmh::find_workload_schema, tests a table of their own).
using WorkloadLookup = std::function<const WorkloadSchema *(const std::string &kind)>;

}  // namespace kmh
