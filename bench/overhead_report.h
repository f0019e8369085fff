// What the overhead benchmark measured, printed as tables and written as JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "counted_round.h"
#include "harness_run.h"
#include "overhead_rounds.h"
#include "self_perturbation.h"
#include "vm_runs.h"

namespace kmh {

struct WorkloadReport {
	std::string name;
	std::string iteration;
	std::size_t iterations = 0;
	std::optional<CountedRound> counted;
	std::string counted_skipped;  // why there is no counted round, or ""
	std::vector<VariantTimes> variants;  // variants[0] is bare
};

struct HarnessReport {
	std::string scenario;
	std::vector<HarnessRun> runs;
	std::string skipped;
};

struct OverheadReport {
	std::string date;  // UTC
	std::string kernel_release;
	int cpus = 0;
	int rounds = 0;
	std::vector<WorkloadReport> workloads;
	HarnessReport harness;
	SelfPerturbation perturbation;
	VmRunsReport vm;
};

void print_report(const OverheadReport &report);
nlohmann::json report_json(const OverheadReport &report);

// Everything skipped for a reason other than perf or bpftrace not being installed: with
// KMEMHARNESS_REQUIRE_BPF=1 each of these is a failure.
std::vector<std::string> missing_capabilities(const OverheadReport &report);

}  // namespace kmh
