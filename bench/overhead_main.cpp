// kmh_bench_overhead: what kmemharness's collectors cost a workload, next to perf and bpftrace.
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include "collect/bpf/libbpf_log.h"
#include "common/error.h"
#include "overhead_report.h"
#include "run/workload_cgroup.h"
#include "system/cgroup_mounts.h"

namespace kmh {

namespace {

struct Options {
	int rounds = 5;
	WorkloadSizes sizes;
	int harness_runs = 3;
	std::string kmemharness = KMH_BINARY;
	std::string scenario = KMH_SOURCE_DIR "/scenarios/pcpu_bounce.toml";
	int vm_runs = 3;
	std::string vm_kernel;
	std::string vm_scenario = KMH_SOURCE_DIR "/scenarios/kmalloc_burst.toml";
	std::string json_file;
};

std::string scratch_folder()
{
	return "/tmp/kmh_bench." + std::to_string(getpid());
}

// perf's outputs and the kmemharness runs' result folders: removed when the benchmark ends.
std::string scratch_path(const std::string &what)
{
	return scratch_folder() + "/" + what;
}

struct ScratchFolder {
	ScratchFolder() { std::filesystem::create_directories(scratch_folder()); }
	~ScratchFolder() { std::filesystem::remove_all(scratch_folder()); }
};

std::vector<std::unique_ptr<Tracer>> all_tracers(const KernelFacts &facts)
{
	std::vector<std::unique_ptr<Tracer>> tracers;
	tracers.push_back(make_bare_tracer());
	tracers.push_back(make_kmemharness_tracer(facts));
	tracers.push_back(make_kmemharness_callsite_tracer(facts));
	tracers.push_back(make_empty_bpf_tracer());
	tracers.push_back(make_perf_stat_tracer(scratch_path("perf_stat")));
	tracers.push_back(make_perf_record_tracer(scratch_path("perf.data")));
	tracers.push_back(make_bpftrace_tracer());
	return tracers;
}

WorkloadReport measure_workload(const BenchWorkload &workload, const KernelFacts &facts, int rounds)
{
	WorkloadReport report{workload.name, workload.iteration, workload.iterations, std::nullopt, "", {}};
	try {
		report.counted = count_workload_events(workload, facts, scratch_path("counted"));
	} catch (const Error &error) {
		report.counted_skipped = error.what();
	}
	report.variants = time_variants(all_tracers(facts), workload, rounds);
	return report;
}

HarnessReport measure_harness(const Options &options)
{
	HarnessReport report{options.scenario, {}, ""};
	try {
		for (int run = 0; run < options.harness_runs; ++run)
			report.runs.push_back(run_kmemharness(options.kmemharness, options.scenario,
							      scratch_path("run" + std::to_string(run))));
	} catch (const Error &error) {
		report.skipped = error.what();
	}
	return report;
}

std::string utc_date()
{
	std::time_t now = std::time(nullptr);
	char text[32];
	std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M UTC", std::gmtime(&now));
	return text;
}

OverheadReport measure(const Options &options)
{
	utsname system{};
	uname(&system);
	OverheadReport report{utc_date(), system.release, static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN)),
			      options.rounds, {}, {}, {}, {}};
	KernelFacts facts = read_kernel_facts();
	for (const BenchWorkload &workload : bench_workloads(options.sizes))
		report.workloads.push_back(measure_workload(workload, facts, options.rounds));
	report.harness = measure_harness(options);
	if (options.harness_runs > 0)
		report.perturbation =
			measure_self_perturbation(options.kmemharness, options.scenario, scratch_path("perturbation"));
	else
		report.perturbation.skipped = "not run (--harness-runs 0)";
	report.vm = measure_vm_runs(options.kmemharness, options.vm_kernel, options.vm_scenario, options.vm_runs,
				    scratch_folder());
	return report;
}

bool bpf_required()
{
	const char *value = std::getenv("KMEMHARNESS_REQUIRE_BPF");
	return value && std::string(value) == "1";
}

int report_and_exit_code(const OverheadReport &report, const Options &options)
{
	print_report(report);
	if (!options.json_file.empty())
		std::ofstream(options.json_file) << report_json(report).dump(2) << "\n";
	std::vector<std::string> missing = missing_capabilities(report);
	if (missing.empty() || !bpf_required())
		return 0;
	for (const std::string &problem : missing)
		fmt::print(stderr, "KMEMHARNESS_REQUIRE_BPF=1, but {}\n", problem);
	return 1;
}

int run(int argc, char **argv)
{
	Options options;
	CLI::App app{"Times workloads with known kmem event counts bare, under kmemharness's collectors, an empty "
		     "tp_btf program, perf stat, perf record and bpftrace (alternated rounds, medians).\n"
		     "Example: kmh_bench_overhead --rounds 5 --json /tmp/overhead.json"};
	app.add_option("--rounds", options.rounds, "alternated rounds per variant")->check(CLI::PositiveNumber);
	app.add_option("--pages", options.sizes.pages, "pages per mapping of the page-bounce loop");
	app.add_option("--mappings", options.sizes.mappings, "mappings faulted in and unmapped per measurement");
	app.add_option("--opens", options.sizes.opens, "open/close pairs of the slab loop");
	app.add_option("--harness-runs", options.harness_runs, "kmemharness run repetitions (0: none)");
	app.add_option("--kmemharness", options.kmemharness, "the kmemharness binary");
	app.add_option("--scenario", options.scenario, "scenario for the self-perturbation and end-to-end figures");
	app.add_option("--vm-runs", options.vm_runs, "kmemharness run --kernel repetitions (0: none)");
	app.add_option("--vm-kernel", options.vm_kernel, "kernel image for the VM runs (default: the installed generic one)");
	app.add_option("--vm-scenario", options.vm_scenario, "kernel-module scenario for the VM runs");
	app.add_option("--json", options.json_file, "also write the figures as JSON to this file");
	CLI11_PARSE(app, argc, argv);
	capture_libbpf_log(false);  // a failed load then says why in the skip reason
	remove_stale_cgroups(find_cgroup2_mount());
	ScratchFolder scratch;
	return report_and_exit_code(measure(options), options);
}

}  // namespace

}  // namespace kmh

int main(int argc, char **argv)
{
	try {
		return kmh::run(argc, argv);
	} catch (const std::exception &error) {
		fmt::print(stderr, "kmh_bench_overhead: {}\n", error.what());
		return 1;
	}
}
