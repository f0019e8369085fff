// Everything one run produced, in the shape result.json, junit.xml, TAP and the summary show.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assertions/assertion_result.h"
#include "report/collected_stack.h"
#include "common/exit_code.h"
#include "metrics/metric_store.h"
#include "report/vm_info.h"

namespace kmh {

inline constexpr int result_schema_version = 1;

struct SystemInfo {
	std::string kernel_release;
	std::string kernel_version;
	std::string cmdline;
	std::string machine;  // uname -m
	int cpu_count = 0;
	std::string cpu_model;
	std::uint64_t mem_total_bytes = 0;
	std::string hostname;
};

struct ScenarioInfo {
	std::string name;
	std::string description;
	std::string file;
	std::string text;
	std::string sha256;
};

struct Attribution {
	std::string mode;  // "cgroup" or "pid"
	std::string cgroup_path;
	std::uint64_t cgroup_id = 0;
};

struct CollectorInfo {
	std::string name;     // page_alloc, pcp, extfrag, slab, pagetypeinfo, ...
	std::string variant;  // tp_btf, raw_tp, tracepoint, procfs
	std::vector<std::string> programs;  // attached programs (or files read)
	std::string note;     // why this variant, or what it could not see
	nlohmann::json details = nlohmann::json::object();  // what a collector records beyond metrics (oom: kills)
};

// The memory limit put on the workload cgroup ([cgroup] memory_max), and how it was applied.
struct MemoryLimitInfo {
	std::int64_t memory_max = 0;
	std::optional<std::int64_t> swap_max;
	std::string mechanism;  // "cgroup2" (memory.max) or "cgroup1" (memory.limit_in_bytes)
	std::string path;       // the cgroup directory that carries the limit
};

struct WorkloadResult {
	std::string name;
	std::string kind;
	int phase = 1;
	std::vector<int> cpus;
	nlohmann::json options;  // option name -> value as given (sizes in bytes, durations in ns)
	std::string status;      // ok, failed, killed, oom_killed (expected), not_started
	std::string error;
	double duration_s = 0;
	std::vector<Metric> metrics;  // as stored: workload.<name>.<metric>
};

// A sysctl the run set and restored.
struct SysctlChange {
	std::string name;
	std::string before;  // the value found, restored afterwards
	std::string value;   // the value the run used
};

struct StageTiming {
	std::string stage;  // setup, module_load (module scenarios), prepare, attach, snapshot_before, workloads, readout, assertions
	double seconds = 0;
};

struct RunResult {
	std::string tool_version;
	std::string status;  // passed, failed, invalid, environment, run_failed, interrupted
	bool complete = false;
	ExitCode exit_code = ExitCode::run_failed;
	ScenarioInfo scenario;
	SystemInfo system;
	std::string target = "host";
	std::optional<VmInfo> vm;  // set when target is "vm"
	Attribution attribution;
	std::optional<MemoryLimitInfo> memory_limit;
	std::vector<CollectorInfo> collectors;
	std::vector<SysctlChange> sysctls;
	std::vector<WorkloadResult> workloads;
	MetricStore metrics;
	std::vector<CollectedStack> stacks;  // stacks collectors single out, e.g. where memory leaked
	std::vector<AssertionResult> assertions;
	std::vector<StageTiming> timings;
	std::string started_at;   // UTC, ISO 8601
	std::string finished_at;
	std::vector<std::string> errors;
};

// Whether a workload ended the way its scenario allows: it reported, or the OOM killer it expected killed it.
inline bool ended_as_allowed(const WorkloadResult &workload)
{
	return workload.status == "ok" || workload.status == "oom_killed";
}

// The run's duration: the sum of its stage timings.
inline double total_seconds(const RunResult &result)
{
	double seconds = 0;
	for (const StageTiming &timing : result.timings)
		seconds += timing.seconds;
	return seconds;
}

}  // namespace kmh
