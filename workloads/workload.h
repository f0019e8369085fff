// The uniform descriptor every userspace workload fills in, and the interface it runs through.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "metrics/metric.h"
#include "scenario/option.h"

namespace kmh {

// What a workload reports about itself, e.g. {"pages", {}, 524288}; the runner names it
// workload.<workload name>.<metric>.
struct WorkloadMetric {
	std::string metric;
	Labels labels;
	double value = 0;
};

struct WorkloadMetricSpec {
	std::string metric;
	std::string help;
	std::vector<std::string> labels;
};

struct WorkloadContext {
	std::string name;           // the [[workload]] name
	const OptionValues *options = nullptr;
	std::vector<int> cpus;      // as given in the scenario; empty: any
	std::string scratch_dir;    // a private directory the workload may use; removed afterwards
};

// Lives in a child process that already sits in the workload cgroup.
// prepare() runs before measuring starts; run() is the measured part; cleanup() runs after
// measuring stopped. Errors are thrown as std::exception.
class Workload {
public:
	virtual ~Workload() = default;
	virtual void prepare() {}
	virtual std::vector<WorkloadMetric> run() = 0;
	virtual void cleanup() {}
};

struct WorkloadDescriptor {
	std::string kind;
	std::string summary;
	std::vector<OptionSpec> options;
	std::vector<WorkloadMetricSpec> metrics;
	// Why this workload cannot run on this machine (e.g. "stress-ng is not installed"), or nullopt.
	std::function<std::optional<std::string>()> unsupported_reason;
	// Checks of the options that need neither this machine nor the kernel under test (a product of
	// two options, a flag string, a multiple of the page size); throws invalid_input. `validate`
	// runs it on every workload and create() again. Empty: each option's own range is all.
	std::function<void(const WorkloadContext &)> check;
	// The most memory (bytes) the workload holds at once with these options: a run refuses a
	// scenario that needs more than the machine has available. Empty: it holds nothing by size
	// that the harness can know (stress-ng sizes its own stressors; the module has its own budget).
	std::function<std::int64_t(const OptionValues &)> memory_need;
	std::function<std::unique_ptr<Workload>(const WorkloadContext &)> create;
};

// The single registration table (workloads/registry.cpp).
const std::vector<WorkloadDescriptor> &workload_registry();
const WorkloadDescriptor *find_workload(const std::string &kind);

}  // namespace kmh
