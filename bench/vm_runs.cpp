// Timing VM runs stage by stage: host preparation, boot, module load, scenario, results, power-off.
#include "vm_runs.h"

#include <fmt/core.h>

#include "common/error.h"
#include "overhead_rounds.h"
#include "vm/debian_kernels.h"
#include "vm/installed_kernel.h"

namespace kmh {

namespace {

// The kernel docs/performance.md's VM figures were measured on: Debian 12's default.
const KernelChoice default_vm_kernel{"6.1", "generic"};

struct VmStage {
	const char *name;
	double (*seconds)(const HarnessRun &);
};

double vm_field(const HarnessRun &run, double VmInfo::*field)
{
	return run.result.vm ? (*run.result.vm).*field : 0;
}

// In the order a run goes through them; "host" is everything before QEMU starts (module build
// cache check, initramfs) plus unpacking afterwards.
const std::vector<VmStage> &vm_stages()
{
	static const std::vector<VmStage> stages = {
		{"host", [](const HarnessRun &r) { return r.wall_seconds - vm_field(r, &VmInfo::total_seconds); }},
		{"boot_to_init", [](const HarnessRun &r) { return vm_field(r, &VmInfo::boot_seconds); }},
		{"module_load", [](const HarnessRun &r) { return stage_seconds(r.result, "module_load"); }},
		{"scenario", [](const HarnessRun &r) {
			 return vm_field(r, &VmInfo::scenario_seconds) - stage_seconds(r.result, "module_load");
		 }},
		{"send_results", [](const HarnessRun &r) { return vm_field(r, &VmInfo::send_seconds); }},
		{"power_off", [](const HarnessRun &r) { return vm_field(r, &VmInfo::poweroff_seconds); }},
		{"wall", [](const HarnessRun &r) { return r.wall_seconds; }},
	};
	return stages;
}

double median_stage(const VmRunsReport &report, const VmStage &stage)
{
	std::vector<double> values;
	for (const HarnessRun &run : report.runs)
		values.push_back(stage.seconds(run));
	return median(values);
}

std::string default_kernel_image()
{
	std::optional<InstalledKernel> kernel = installed_kernel_with_headers(default_vm_kernel);
	return kernel ? kernel->image : "";
}

}  // namespace

VmRunsReport measure_vm_runs(const std::string &binary, const std::string &kernel, const std::string &scenario,
			     int runs, const std::string &scratch_dir)
{
	VmRunsReport report{kernel.empty() ? default_kernel_image() : kernel, scenario, {}, ""};
	if (runs == 0)
		return report;
	if (report.kernel.empty()) {
		report.skipped = "no " + describe(default_vm_kernel) + " kernel with its headers is installed (" +
				 kernel_install_hint(default_vm_kernel) + ")";
		return report;
	}
	try {
		for (int run = 0; run < runs; ++run)
			report.runs.push_back(run_kmemharness(binary, scenario, scratch_dir + "/vm" + std::to_string(run),
							      {"--kernel", report.kernel}));
	} catch (const Error &error) {
		report.skipped = error.what();
	}
	return report;
}

void print_vm_runs(const VmRunsReport &report)
{
	fmt::print("\nVM run of {} on {}: ", report.scenario, report.kernel.empty() ? "(no kernel)" : report.kernel);
	if (!report.skipped.empty() || report.runs.empty()) {
		fmt::print("{}\n", report.skipped.empty() ? "not run (--vm-runs 0)" : "skipped: " + report.skipped);
		return;
	}
	std::string accel = report.runs.front().result.vm ? report.runs.front().result.vm->accel : "?";
	fmt::print("{} run(s) under {}, medians\n  ", report.runs.size(), accel);
	for (const VmStage &stage : vm_stages())
		fmt::print("{} {:.2f} s  ", stage.name, median_stage(report, stage));
	fmt::print("\n");
}

nlohmann::json vm_runs_json(const VmRunsReport &report)
{
	nlohmann::json entry{{"kernel", report.kernel}, {"scenario", report.scenario}, {"runs", nlohmann::json::array()}};
	if (!report.skipped.empty())
		entry["skipped"] = report.skipped;
	for (const HarnessRun &run : report.runs) {
		nlohmann::json stages = nlohmann::json::object();
		for (const VmStage &stage : vm_stages())
			stages[stage.name] = stage.seconds(run);
		entry["runs"].push_back({{"exit_code", run.exit_code}, {"stages", stages}});
	}
	nlohmann::json medians = nlohmann::json::object();
	for (const VmStage &stage : vm_stages())
		medians[stage.name] = report.runs.empty() ? 0 : median_stage(report, stage);
	entry["median_stage_seconds"] = medians;
	return entry;
}

}  // namespace kmh
