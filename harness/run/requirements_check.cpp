// Root, CPUs, kernel features, tracepoints and their fields, commands, workload support.
#include "run/requirements_check.h"

#include <bpf/libbpf.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "collect/bpf/kallsyms_names.h"
#include "collect/bpf/kernel_btf.h"
#include "collect/bpf/kernel_probes.h"
#include "common/error.h"
#include "common/external_programs.h"
#include "run/memory_cgroup.h"
#include "run/memory_need.h"
#include "run/workload_cgroup.h"
#include "system/cgroup_mounts.h"
#include "system/file_io.h"
#include "system/meminfo.h"
#include "workloads/workload.h"

namespace kmh {

namespace {

bool exists(const std::string &path)
{
	struct stat info;
	return stat(path.c_str(), &info) == 0;
}

// /proc/swaps lists a device after its header line.
bool swap_is_active()
{
	std::string swaps = read_text_file("/proc/swaps").value_or("");
	std::size_t header_end = swaps.find('\n');
	return header_end != std::string::npos && header_end + 1 < swaps.size();
}

std::string missing_feature(const std::string &feature)
{
	bool btf = exists("/sys/kernel/btf/vmlinux");
	if (feature == "btf" && !btf)
		return "kernel BTF (/sys/kernel/btf/vmlinux, CONFIG_DEBUG_INFO_BTF=y)";
	if (feature == "tp_btf" && (!btf || libbpf_probe_bpf_prog_type(BPF_PROG_TYPE_TRACING, nullptr) != 1))
		return "tp_btf programs (BTF and BPF_PROG_TYPE_TRACING)";
	if (feature == "cgroup2" && find_cgroup2_mount().empty())
		return "a mounted cgroup2 hierarchy";
	if (feature == "thp" && !exists("/sys/kernel/mm/transparent_hugepage/enabled"))
		return "transparent huge pages (CONFIG_TRANSPARENT_HUGEPAGE)";
	if (feature == "memcg" && !find_memory_controller())
		return "the memory cgroup controller (in cgroup2's cgroup.controllers, or a cgroup v1 memory mount)";
	if (feature == "swap" && !swap_is_active())
		return "active swap (/proc/swaps lists none; run in a VM with --kernel, where [target] swap sets up zram)";
	return "";
}

std::string missing_field(const std::string &spec, const std::string &events_dir)
{
	std::size_t colon = spec.find(':');
	std::string event = spec.substr(0, colon), field = spec.substr(colon + 1);
	auto format = read_text_file(events_dir + "/" + event + "/format");
	if (!format)
		return "tracepoint " + event + " (for its field " + field + ")";
	if (format->find(" " + field + ";") == std::string::npos)
		return "field " + field + " of tracepoint " + event;
	return "";
}

// [requires] max_memory: a scenario that fills every zone needs a machine small enough for it.
std::string too_much_memory(const Requirements &needs)
{
	if (!needs.max_memory_bytes)
		return "";
	double total = meminfo_value(read_meminfo(), "MemTotal").value_or(0);
	if (total <= static_cast<double>(*needs.max_memory_bytes))
		return "";
	auto gib = [](double bytes) { return fmt::format("{:.1f} GiB", bytes / (1LL << 30)); };
	return "a machine of at most " + gib(static_cast<double>(*needs.max_memory_bytes)) + " of memory (MemTotal here is " +
	       gib(total) + "; see the scenario's [requires] max_memory for why; run it in a VM with --kernel)";
}

// A function a collector probes: it must be a function of its own (in BTF, not inlined), and
// kprobes must be there, the probe every kernel with them can take.
std::string missing_function(const std::string &function, const KernelBtf &btf)
{
	if (!btf.has_function(function))
		return "kernel function " + function + "() (not in this kernel's BTF: inlined, renamed or absent)";
	if (!kernel_has_kprobes())
		return "kprobes, to probe kernel function " + function + "() (CONFIG_KPROBES)";
	return "";
}

void add_if(std::vector<std::string> &missing, const std::string &what)
{
	if (!what.empty())
		missing.push_back(what);
}

// Symbols a collector's __ksym names: kallsyms lists data symbols only with CONFIG_KALLSYMS_ALL.
void add_missing_symbols(std::vector<std::string> &missing, const std::vector<std::string> &symbols)
{
	if (symbols.empty())
		return;
	std::set<std::string> listed = kernel_symbols_among(symbols);
	for (const std::string &symbol : symbols)
		if (!listed.count(symbol))
			missing.push_back("kernel symbol " + symbol + " (not in /proc/kallsyms: a data symbol is listed only "
					  "with CONFIG_KALLSYMS_ALL)");
}

}  // namespace

std::vector<std::string> missing_requirements(const Scenario &scenario, const std::string &events_dir,
					      const WorkloadDescriptorLookup &workloads)
{
	const Requirements &needs = scenario.requires_;
	std::vector<std::string> missing;
	if (needs.root && geteuid() != 0)
		missing.push_back("root (run as root: BPF, cgroups and /proc/pagetypeinfo need it)");
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	if (online < needs.cpus)
		missing.push_back(std::to_string(needs.cpus) + " online CPUs (this machine has " + std::to_string(online) + ")");
	for (const std::string &feature : needs.features)
		add_if(missing, missing_feature(feature));
	for (const std::string &event : needs.tracepoints)
		if (events_dir.empty() || !exists(events_dir + "/" + event + "/format"))
			missing.push_back("tracepoint " + event);
	for (const std::string &field : needs.tracepoint_fields)
		add_if(missing, missing_field(field, events_dir));
	if (!needs.kernel_functions.empty()) {
		KernelBtf btf;
		for (const std::string &function : needs.kernel_functions)
			add_if(missing, missing_function(function, btf));
	}
	add_missing_symbols(missing, needs.kernel_symbols);
	for (const std::string &command : needs.commands)
		if (!find_program(command))
			missing.push_back("command " + command + " (not found in PATH)");
	add_if(missing, too_much_memory(needs));
	for (const WorkloadSpec &workload : scenario.workloads) {
		const WorkloadDescriptor *descriptor = workloads(workload.kind);
		if (descriptor && descriptor->unsupported_reason)
			if (auto reason = descriptor->unsupported_reason())
				missing.push_back("workload " + workload.name + ": " + *reason);
	}
	if (std::optional<std::string> shortfall = memory_shortfall(scenario_memory_need(scenario), available_memory()))
		missing.push_back(*shortfall);
	return missing;
}

void check_requirements(const Scenario &scenario, const std::string &events_dir,
			const WorkloadDescriptorLookup &workloads)
{
	std::vector<std::string> missing = missing_requirements(scenario, events_dir, workloads);
	if (missing.empty())
		return;
	std::string message = "this machine cannot run " + scenario.file + "; missing:";
	for (const std::string &line : missing)
		message += "\n  - " + line;
	throw environment_error(message);
}

}  // namespace kmh
