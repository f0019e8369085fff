// The uniform descriptor every userspace workload fills in, and the interface it runs through.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "metrics/metric.h"
#include "scenario/workload_schema.h"

namespace kmh {

// What a workload reports about itself, e.g. {"pages", {}, 524288}; the runner names it
// workload.<workload name>.<metric>.
struct WorkloadMetric {
	std::string metric;
	Labels labels;
	double value = 0;
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
	WorkloadSchema schema;
	// Why this workload cannot run on this machine (e.g. "stress-ng is not installed"), or nullopt.
	std::function<std::optional<std::string>()> unsupported_reason;
	// The most memory (bytes) the workload holds at once with these options: a run refuses a
	// scenario that needs more than the machine has available. Empty: it holds nothing by size
	// that the harness can know (stress-ng sizes its own stressors; the module has its own budget).
	std::function<std::int64_t(const OptionValues &)> memory_need;
	std::function<std::unique_ptr<Workload>(const WorkloadContext &)> create;
};

// The registered workload kind of that name, or nullptr: how the runner finds what to run
// (main passes kmh::find_workload).
using WorkloadDescriptorLookup = std::function<const WorkloadDescriptor *(const std::string &kind)>;

// The single registration table (workloads/registry.cpp).
const std::vector<WorkloadDescriptor> &workload_registry();
const WorkloadDescriptor *find_workload(const std::string &kind);
// find_workload's schema half, the WorkloadLookup the scenario parser takes.
const WorkloadSchema *find_workload_schema(const std::string &kind);
// The registered kinds in table order: what the parser lists when a scenario names an unknown kind.
std::vector<std::string> workload_kinds();

}  // namespace kmh
