// A VM run: module built for the image's kernel, initramfs packed, guest booted, each scenario's result read back.
#include "vm/vm_run.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include <fmt/core.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "common/utc_time.h"
#include "report/result_json.h"
#include "system/dead_owner.h"
#include "system/file_io.h"
#include "system/host_name.h"
#include "system/interrupt_watch.h"
#include "system/sha256.h"
#include "system/tsc_rate.h"
#include "vm/command.h"
#include "vm/console_scan.h"
#include "vm/guest_disk.h"
#include "vm/guest_failure.h"
#include "vm/guest_fit.h"
#include "vm/guest_init.h"
#include "vm/guest_output.h"
#include "vm/initramfs.h"
#include "vm/kernel_image.h"
#include "vm/kernel_modules_dir.h"
#include "vm/kernel_tree.h"
#include "vm/kvm_verdict.h"
#include "vm/module_build.h"
#include "vm/pvh_kernel.h"
#include "vm/qemu_launch.h"
#include "vm/scenario_console.h"
#include "vm/staged_commands.h"
#include "vm/swap_modules.h"

namespace kmh {

namespace fs = std::filesystem;

namespace {

constexpr double ns_per_s = 1e9;
constexpr double kvm_kernel_probe_seconds = 5;  // a kernel under KVM prints within a second, or hangs
constexpr double kvm_boot_probe_seconds = 30;   // and reaches /init within seconds
constexpr double guest_slack_seconds = 120;    // module load, BPF setup under TCG, sending results
constexpr double slack_boots = 20;             // or this many of the guest's boot times, if longer
constexpr const char *kvm_device = "/dev/kvm";
constexpr const char *guest_progress_prefix = "[kmemharness] ";
constexpr const char *qboot_firmware = "/usr/share/qemu/qboot.rom";  // qemu-system-data: fast, boots PVH

// Everything a VM run shares between its steps and boots.
struct VmRun {
	const std::vector<VmScenario> &scenarios;
	const VmRunOptions &options;
	Progress &progress;
	fs::path work_dir;  // the initramfs and its staging folder, removed at the end
	VmInfo info;
	std::string boot_image;  // what QEMU's -kernel gets: the PVH vmlinux or the bzImage
	std::string firmware;    // qboot with a PVH kernel, else "" (SeaBIOS)
	std::string cache_dir;   // module builds, PVH kernels, KVM verdicts
	std::vector<std::optional<RunResult>> results;  // one per scenario, filled as boots reach them
	std::string modules_dir; // the guest kernel's modules: zram, virtio and ext4 come from there
	std::string disk_image;  // the scratch disk, in work_dir
};

RunResult empty_result(const Scenario &scenario)
{
	RunResult result;
	result.tool_version = KMH_VERSION;
	result.target = "vm";
	result.started_at = utc_now();
	result.scenario = { scenario.name, scenario.description, scenario.file, scenario.text,
			    sha256_hex(scenario.text) };
	return result;
}

void fail(RunResult &result, ExitCode code, const std::vector<std::string> &errors)
{
	static const std::map<ExitCode, std::string> status_names = {
		{ ExitCode::invalid_input, "invalid" }, { ExitCode::environment, "environment" },
		{ ExitCode::run_failed, "run_failed" }, { ExitCode::kernel_crashed, "kernel_crashed" } };
	result.exit_code = code;
	result.status = status_names.at(code);
	result.complete = false;
	result.errors.insert(result.errors.end(), errors.begin(), errors.end());
}

RunResult failed_result(const Scenario &scenario, ExitCode code, const std::vector<std::string> &errors)
{
	RunResult result = empty_result(scenario);
	fail(result, code, errors);
	return result;
}

bool kvm_usable()
{
	int fd = open(kvm_device, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

bool any_needs_module(const std::vector<VmScenario> &scenarios)
{
	return std::any_of(scenarios.begin(), scenarios.end(),
			   [](const VmScenario &entry) { return uses_kernel_module(*entry.scenario); });
}

// Every command any of the scenarios requires, each once, in the order first required.
std::vector<std::string> required_commands(const std::vector<VmScenario> &scenarios)
{
	std::vector<std::string> commands;
	for (const VmScenario &entry : scenarios)
		for (const std::string &command : entry.scenario->requires_.commands)
			if (std::find(commands.begin(), commands.end(), command) == commands.end())
				commands.push_back(command);
	return commands;
}

std::int64_t largest_swap(const std::vector<VmScenario> &scenarios)
{
	std::int64_t largest = 0;
	for (const VmScenario &entry : scenarios)
		largest = std::max(largest, entry.scenario->target.swap_bytes);
	return largest;
}

QemuConfig qemu_config(const VmRun &run, const std::string &accel, const std::string &initrd, std::size_t first)
{
	const VmRunOptions &options = run.options;
	std::string cmdline = options.cmdline;
	// A TCG guest's TSC is the host's (QEMU reads the host counter). Calibrating it against the PIT
	// on a loaded host, 7.2 once read 69.6 MHz for 2.6 GHz: its clock ran fast and its timeouts
	// fired within seconds. The rate measured here leaves the kernel nothing to calibrate.
	if (std::optional<long> khz = accel == "tcg" ? measured_tsc_khz() : std::nullopt)
		cmdline += fmt::format("{}tsc_early_khz={}", cmdline.empty() ? "" : " ", *khz);
	if (first > 0)
		cmdline += fmt::format("{}{}{}", cmdline.empty() ? "" : " ", guest_first_scenario_parameter, first);
	return { accel, options.memory_bytes, options.cpus, run.boot_image, run.firmware, initrd, cmdline,
		 (run.work_dir / "console.log").string(), (run.work_dir / "qemu.log").string(), run.disk_image,
		 options.numa_nodes };
}

// The slack after a scenario's own timeout, scaled to this guest's speed as its boot measured it
// (QEMU start to /init): 120 s, or 20 boots on a host where booting took longer than 6 s (TCG on
// a loaded host: 6.12 booted in 4.3 s idle, 9.3 s at load 10).
double guest_slack(double boot_seconds)
{
	return std::max(guest_slack_seconds, slack_boots * boot_seconds);
}

double scenario_deadline_seconds(const Scenario &scenario, double boot_seconds)
{
	return static_cast<double>(scenario.timeout_ns) / ns_per_s + guest_slack(boot_seconds);
}

std::optional<std::size_t> begun_scenario(const std::string &line, std::size_t count)
{
	if (!line.starts_with(guest_scenario_begin_prefix))
		return std::nullopt;
	std::size_t index = std::strtoul(line.c_str() + std::string(guest_scenario_begin_prefix).size(), nullptr, 10);
	return index < count ? std::optional(index) : std::nullopt;
}

// " 0" from "kmemharness-guest: harness exited 0, sending /out/1".
std::string guest_exit_text(const std::string &line)
{
	std::string rest = line.substr(std::string(guest_harness_exited_prefix).size());
	return rest.substr(0, rest.find(','));
}

void take_sent_results(VmRun &run, const GuestRun &guest, std::size_t first, const GuestDeadlines &deadlines);

// Shows the boot as one progress step, then each scenario as a step with the guest harness's own
// progress lines and any kernel crash line under it; gives each scenario its own deadline.
ConsoleListener console_listener(VmRun &run, GuestDeadlines &deadlines)
{
	return [&run, &deadlines, boot_seconds = 0.0](const std::string &line, bool booted, double seconds) mutable {
		std::size_t count = run.scenarios.size();
		if (booted && boot_seconds == 0) {
			boot_seconds = seconds;
			run.progress.done("reached /init");
		} else if (std::optional<std::size_t> index = begun_scenario(line, count)) {
			const Scenario &scenario = *run.scenarios[*index].scenario;
			deadlines.run_seconds = seconds + scenario_deadline_seconds(scenario, boot_seconds);
			run.progress.step(count == 1 ? "scenario '" + scenario.name + "' in the guest"
						     : fmt::format("scenario {}/{} '{}' in the guest", *index + 1, count,
								   scenario.name));
		} else if (line.starts_with(guest_harness_exited_prefix)) {
			run.progress.done("exit" + guest_exit_text(line));
		} else if (line == guest_output_end) {
			deadlines.run_seconds = seconds + guest_slack(boot_seconds);
		} else if (booted && line.starts_with(guest_progress_prefix)) {
			run.progress.note("guest: " + line.substr(std::string(guest_progress_prefix).size()));
		} else if (is_crash_line(line)) {
			run.progress.note("guest kernel: " + line);
		}
	};
}

std::string guest_end_text(const GuestRun &guest)
{
	switch (guest.end) {
	case GuestEnd::exited:
		return "QEMU exited";
	case GuestEnd::interrupted:
		return fmt::format("QEMU killed: interrupted by signal {}", InterruptWatch::pending_signal());
	case GuestEnd::boot_timeout:
	case GuestEnd::run_timeout:
		break;
	}
	return "QEMU killed at its deadline";
}

GuestRun boot(VmRun &run, const std::string &accel, const std::string &initrd, GuestDeadlines &deadlines,
	      std::size_t first)
{
	InterruptWatch::throw_if_signalled();
	run.progress.step(first == 0 ? fmt::format("booting {} under {}", run.info.kernel_release, accel)
				     : fmt::format("booting {} under {} again, from scenario {}", run.info.kernel_release,
						   accel, first + 1));
	GuestRun guest = run_guest(qemu_config(run, accel, initrd, first), deadlines, console_listener(run, deadlines));
	run.progress.done(guest_end_text(guest));
	if (guest.end == GuestEnd::interrupted) {
		take_sent_results(run, guest, first, deadlines);
		InterruptWatch::throw_if_signalled();
	}
	bool qemu_failed = guest.end == GuestEnd::exited && guest.qemu_exit_status != 0;
	if (!guest.booted && guest.console.empty() && qemu_failed)
		throw environment_error(fmt::format("QEMU ({}) failed to start the guest: {}", accel,
						    last_lines(read_text_file((run.work_dir / "qemu.log").string())
								       .value_or(""), 5)));
	return guest;
}

GuestDeadlines deadlines_for(const VmRunOptions &options)
{
	double boot = static_cast<double>(options.boot_timeout_ns) / ns_per_s;
	return { boot, boot, boot + guest_slack_seconds };
}

// accel=auto: a KVM boot that does not reach /init soon is given up for TCG. Only the first boot
// chooses; a later one (after a guest crash) keeps the accelerator chosen.
GuestRun boot_choosing_accel(VmRun &run, const std::string &initrd, GuestDeadlines &deadlines, std::size_t first)
{
	if (!run.info.accel.empty())
		return boot(run, run.info.accel, initrd, deadlines, first);
	const std::string &wanted = run.options.accel;
	if (wanted == "kvm" && !kvm_usable())
		throw environment_error(std::string("accel kvm needs read-write access to ") + kvm_device);
	run.info.accel = wanted == "auto" ? (kvm_usable() ? "kvm" : "tcg") : wanted;
	if (wanted == "auto" && run.info.accel == "kvm" && kvm_known_broken(run.cache_dir, run.info.kernel_release)) {
		run.progress.note("KVM did not boot " + run.info.kernel_release + " on this host since it booted "
				  "(remembered in " + run.cache_dir + "); using TCG");
		run.info.accel = "tcg";
	}
	if (wanted != "auto" || run.info.accel == "tcg")
		return boot(run, run.info.accel, initrd, deadlines, first);
	GuestDeadlines probe = deadlines;
	probe.kernel_seconds = std::min(deadlines.kernel_seconds, kvm_kernel_probe_seconds);
	probe.boot_seconds = std::min(deadlines.boot_seconds, kvm_boot_probe_seconds);
	GuestRun guest = boot(run, "kvm", initrd, probe, first);
	if (guest.booted)
		return guest;
	run.progress.note(guest.kernel_started ? fmt::format("the KVM guest did not reach /init within {:.0f} s; "
							     "falling back to TCG", probe.boot_seconds)
					       : fmt::format("the kernel printed nothing within {:.0f} s under KVM; "
							     "falling back to TCG", probe.kernel_seconds));
	remember_kvm_broken(run.cache_dir, run.info.kernel_release);
	run.info.accel = "tcg";
	return boot(run, "tcg", initrd, deadlines, first);
}

std::string prepare_initramfs(VmRun &run, const std::string &module)
{
	std::string archive = (run.work_dir / "initramfs.cpio").string();
	run.progress.step(fmt::format("initramfs (busybox, kmemharness, its libraries, {}{} scenario(s))",
				      module.empty() ? "" : "module, ", run.scenarios.size()));
	InitramfsContents contents;
	contents.busybox = require_program("busybox");
	contents.harness_binary = run.options.harness_binary;
	contents.module = module;
	contents.sysctl_options = run.options.sysctl_options;
	for (const VmScenario &entry : run.scenarios)
		contents.scenarios.push_back({ entry.scenario->file, entry.scenario->target.swap_bytes });
	contents.command_files = required_command_files(required_commands(run.scenarios));
	if (largest_swap(run.scenarios) > 0)
		contents.swap_modules = zram_module_files(run.modules_dir, run.info.kernel_release);
	contents.disk = !run.disk_image.empty();
	contents.disk_modules = guest_disk_module_files(run.modules_dir, run.info.kernel_release);
	build_initramfs(contents, (run.work_dir / "staging").string(), archive);
	run.progress.done(fmt::format("{:.1f} MiB", static_cast<double>(fs::file_size(archive)) / (1 << 20)));
	return archive;
}

void prepare_disk(VmRun &run)
{
	run.disk_image = (run.work_dir / "scratch.ext4").string();
	run.progress.step(fmt::format("scratch disk (ext4, {} MiB sparse)", run.options.disk_bytes >> 20));
	create_guest_disk(run.disk_image, run.options.disk_bytes);
	run.progress.done(run.disk_image);
}

// Why the module could not be had (no headers, no compiler for them, a failed build): the error
// of only the scenarios that need it; the others then run in a boot without it.
struct ModuleUnavailable {
	Error error;
};

// The module built for the guest's kernel, or "" when no workload needs it (nor its headers).
// Throws ModuleUnavailable when it cannot be had, unless a signal stopped it.
std::string module_for(VmRun &run, const KernelImage &image)
{
	if (!any_needs_module(run.scenarios))
		return "";
	std::string source_dir = run.options.module_source_dir.empty()
					 ? default_module_source_dir(run.options.harness_binary)
					 : run.options.module_source_dir;
	try {
		require_kernel_headers(image, run.options.kernel_headers.empty());
		return build_module(source_dir, image, run.cache_dir, run.work_dir.string(), run.progress);
	} catch (const Error &error) {
		if (InterruptWatch::pending_signal() != 0)
			throw;
		throw ModuleUnavailable{ error };
	}
}

// The result the guest wrote for one scenario, or a run_failed result naming what is missing.
RunResult guest_result(const VmScenario &entry, const GuestOutput &output, const std::string &console_log)
{
	extract_guest_output(output, entry.output_dir);
	std::optional<std::string> json = read_text_file((fs::path(entry.output_dir) / "result.json").string());
	if (!json) {
		int code = output.exit_code.value_or(to_int(ExitCode::run_failed));
		bool known = code == to_int(ExitCode::invalid_input) || code == to_int(ExitCode::environment);
		return failed_result(*entry.scenario, known ? static_cast<ExitCode>(code) : ExitCode::run_failed,
				     { fmt::format("the guest's kmemharness exited {} without writing result.json; its "
						   "messages are in {}", code, console_log) });
	}
	RunResult result = result_from_json(nlohmann::json::parse(*json));
	result.target = "vm";
	result.scenario.file = entry.scenario->file;
	return result;
}

// The seconds at which the part's first line starting with `prefix` arrived, or 0.
double line_time(const GuestRun &guest, const ScenarioConsole &part, const std::string &prefix)
{
	for (std::size_t i = 0; i < part.lines.size(); i++)
		if (part.lines[i].starts_with(prefix))
			return guest.line_seconds.at(part.first_line + i);
	return 0;
}

// Where a scenario's seconds went in its boot; a stage whose end line never came stays 0.
VmInfo scenario_vm_info(const VmRun &run, const GuestRun &guest, const ScenarioConsole &part, bool last)
{
	VmInfo info = run.info;
	info.boot_seconds = guest.boot_seconds;
	info.total_seconds = guest.total_seconds;
	if (guest.setup_seconds > 0)
		info.setup_seconds = guest.setup_seconds - guest.boot_seconds;
	double begun = part.first_line > 0 ? guest.line_seconds.at(part.first_line - 1) : 0;
	double exited = line_time(guest, part, guest_harness_exited_prefix);
	double sent = line_time(guest, part, guest_output_end);
	if (exited > 0)
		info.scenario_seconds = exited - begun;
	if (sent > 0) {
		info.send_seconds = sent - exited;
		if (last)
			info.poweroff_seconds = std::max(0.0, guest.total_seconds - sent);
	}
	return info;
}

// console.log as a person reads it: the boot, then this scenario's part; the transfer's base64
// lines are in the output folder already.
void keep_console_log(const std::string &path, const GuestRun &guest, const ScenarioConsole *part)
{
	std::string text;
	std::vector<std::string> lines = boot_console(guest.console);
	if (part) {
		lines.push_back(guest_scenario_begin_prefix + std::to_string(part->index));
		lines.insert(lines.end(), part->lines.begin(), part->lines.end());
	}
	for (const std::string &line : console_without_output(lines))
		text += line + "\n";
	fs::create_directories(fs::path(path).parent_path());
	write_file_atomically(path, text);
}

// The guest as far as one scenario's part: how the guest ended, if it ended during that part.
GuestRun part_as_run(const GuestRun &guest, const ScenarioConsole &part, bool last)
{
	GuestRun view = guest;
	view.console = part.lines;
	if (!last)
		view.end = GuestEnd::exited;
	return view;
}

std::string console_log_of(const VmScenario &entry)
{
	return (fs::path(entry.output_dir) / "console.log").string();
}

// A scenario this boot reached: its guest result, or exit 5 when the kernel crashed or hung in it.
RunResult reached_result(VmRun &run, const GuestRun &guest, const ScenarioConsole &part, bool last,
			 const GuestDeadlines &deadlines)
{
	const VmScenario &entry = run.scenarios[part.index];
	std::string console_log = console_log_of(entry);
	keep_console_log(console_log, guest, &part);
	std::optional<GuestFailure> failure = guest_failure(part_as_run(guest, part, last), run.info.accel, deadlines);
	GuestOutput output = parse_guest_output(part.lines);
	RunResult result = failure ? failed_result(*entry.scenario, failure->code, failure->errors)
		: output.complete  ? guest_result(entry, output, console_log)
				   : failed_result(*entry.scenario, ExitCode::run_failed,
						   { "the guest stopped during this scenario without sending its results; "
						     "console: " + console_log });
	result.vm = scenario_vm_info(run, guest, part, last);
	result.vm->console_log = console_log;
	return result;
}

// A boot that ran no scenario: every scenario from `first` on fails with what the console shows.
void fail_unreached(VmRun &run, const GuestRun &guest, std::size_t first, const GuestDeadlines &deadlines)
{
	std::optional<GuestFailure> failure = guest_failure(guest, run.info.accel, deadlines);
	std::vector<std::string> errors = failure ? failure->errors
						  : std::vector<std::string>{ "the guest powered off before it ran "
									      "a scenario" };
	for (std::size_t i = first; i < run.scenarios.size(); i++) {
		keep_console_log(console_log_of(run.scenarios[i]), guest, nullptr);
		run.results[i] = failed_result(*run.scenarios[i].scenario,
					       failure ? failure->code : ExitCode::run_failed, errors);
		run.results[i]->vm = run.info;
		run.results[i]->vm->console_log = console_log_of(run.scenarios[i]);
	}
}

// Takes one boot's results; returns the scenario to boot from next (the count when all are done).
std::size_t take_boot_results(VmRun &run, const GuestRun &guest, std::size_t first, const GuestDeadlines &deadlines)
{
	std::vector<ScenarioConsole> parts;
	for (ScenarioConsole &part : split_console_by_scenario(guest.console))
		if (part.index >= first && part.index < run.scenarios.size() && (parts.empty() || part.index > parts.back().index))
			parts.push_back(std::move(part));
	if (parts.empty()) {
		fail_unreached(run, guest, first, deadlines);
		return run.scenarios.size();
	}
	for (std::size_t i = 0; i < parts.size(); i++)
		run.results[parts[i].index] = reached_result(run, guest, parts[i], i + 1 == parts.size(), deadlines);
	return parts.back().index + 1;
}

// An interrupted boot: the scenarios that sent all their results before the signal keep them.
void take_sent_results(VmRun &run, const GuestRun &guest, std::size_t first, const GuestDeadlines &deadlines)
{
	for (const ScenarioConsole &part : split_console_by_scenario(guest.console))
		if (part.index >= first && part.index < run.scenarios.size() && parse_guest_output(part.lines).complete)
			run.results[part.index] = reached_result(run, guest, part, false, deadlines);
}

// The PVH vmlinux when the kernel has one (under TCG it reaches its first message seconds
// sooner: no firmware kernel loader, no in-guest decompression), else the bzImage as it is.
void choose_boot_image(VmRun &run)
{
	std::string why;
	std::optional<std::string> pvh;
	run.progress.step("kernel for a direct (PVH) boot");
	try {
		pvh = pvh_kernel(run.info.kernel_image, run.cache_dir, why);
	} catch (const Error &error) {
		why = error.what();
	}
	run.progress.done(pvh ? *pvh : "none, booting the bzImage: " + why);
	run.boot_image = pvh.value_or(run.info.kernel_image);
	run.info.boot = pvh ? "pvh" : "bzimage";
	if (pvh && fs::exists(qboot_firmware))
		run.firmware = qboot_firmware;
}

void run_guest_steps(VmRun &run)
{
	check_guest_fits_host(run.options.memory_bytes);
	KernelImage image = inspect_kernel_image(run.options.kernel_image, run.options.kernel_headers,
						 HeadersNeed::not_needed);
	run.info.kernel_image = image.path;
	run.info.kernel_release = image.release;
	run.modules_dir = image.tree_dir.empty()
				  ? kernel_modules_dir(image.path, image.release)
				  : installed_tree_modules(image.tree_dir, image.release, image.version_text, run.cache_dir,
							   run.progress);
	std::string module = module_for(run, image);
	choose_boot_image(run);
	prepare_disk(run);
	std::string initrd = prepare_initramfs(run, module);
	for (std::size_t first = 0; first < run.scenarios.size();) {
		GuestDeadlines deadlines = deadlines_for(run.options);
		GuestRun guest = boot_choosing_accel(run, initrd, deadlines, first);
		first = take_boot_results(run, guest, first, deadlines);
	}
}

// The run's folder in the cache; a cache this user cannot write is the environment's fault (exit 3).
void create_work_dir(const fs::path &work_dir)
{
	std::error_code error;
	fs::create_directories(work_dir, error);
	if (error)
		throw environment_error(fmt::format("cannot create the VM run's folder {}: {}; set KMH_CACHE_DIR (or "
						    "XDG_CACHE_HOME, or HOME) to a folder this user can write",
						    work_dir.string(), error.message()));
}

// Work folders of VM runs that were killed (their run-<pid>'s process is gone): an initramfs each.
void remove_stale_work_dirs(const fs::path &cache_dir)
{
	std::error_code ignored;
	for (const auto &entry : fs::directory_iterator(cache_dir, ignored)) {
		if (owned_by_dead_process(entry.path().filename().string(), "run-"))
			fs::remove_all(entry.path(), ignored);
	}
}

// Every scenario's result: what the guest gave, or the error that stopped the run before it.
std::vector<RunResult> finished_results(VmRun &run, const std::optional<Error> &error)
{
	std::vector<RunResult> results;
	for (std::size_t i = 0; i < run.scenarios.size(); i++) {
		RunResult result = run.results[i] ? *run.results[i]
				   : failed_result(*run.scenarios[i].scenario, error ? error->code() : ExitCode::run_failed,
						   { error ? error->what() : "the VM run ended before this scenario" });
		if (!run.results[i] && InterruptWatch::pending_signal() != 0)
			result.status = "interrupted";
		if (!result.vm)
			result.vm = run.info;
		if (result.system.kernel_release.empty())
			result.system.kernel_release = run.info.kernel_release;
		if (result.finished_at.empty())
			result.finished_at = utc_now();
		results.push_back(std::move(result));
	}
	return results;
}

}  // namespace

VmRunOptions vm_run_options(const Scenario &scenario)
{
	const TargetSpec &target = scenario.target;
	VmRunOptions options;
	options.kernel_image = target.kernel;
	options.kernel_headers = target.kernel_headers;
	options.accel = target.accel;
	options.memory_bytes = target.memory_bytes;
	options.cpus = target.cpus;
	options.cmdline = target.cmdline;
	options.boot_timeout_ns = target.boot_timeout_ns;
	options.disk_bytes = target.disk_bytes;
	options.numa_nodes = target.numa_nodes;
	return options;
}

std::string default_cache_dir()
{
	if (const char *dir = std::getenv("KMH_CACHE_DIR"))
		return dir;
	if (const char *xdg = std::getenv("XDG_CACHE_HOME"))
		return (fs::path(xdg) / "kmemharness").string();
	const char *home = std::getenv("HOME");
	return (fs::path(home ? home : "/tmp") / ".cache" / "kmemharness").string();
}

std::string default_module_source_dir(const std::string &harness_binary)
{
	return (fs::canonical(harness_binary).parent_path().parent_path() / "kmod_workloads").string();
}

std::vector<RunResult> run_without_module(const std::vector<VmScenario> &scenarios, const VmRunOptions &options,
					  Progress &progress, std::vector<RunResult> failed);

std::vector<RunResult> run_in_vm(const std::vector<VmScenario> &scenarios, const VmRunOptions &options,
				 Progress &progress)
{
	VmRun run{ scenarios, options, progress, {}, {}, {}, {}, {}, {}, {}, {} };
	run.cache_dir = options.cache_dir.empty() ? default_cache_dir() : options.cache_dir;
	run.work_dir = fs::path(run.cache_dir) / fmt::format("run-{}", getpid());
	run.info.kernel_image = options.kernel_image;
	run.info.host = host_name();
	run.info.memory_bytes = options.memory_bytes;
	run.info.cpus = options.cpus;
	run.results.resize(scenarios.size());
	InterruptWatch interrupts;
	std::optional<Error> error;
	bool module_unavailable = false;
	try {
		remove_stale_work_dirs(run.work_dir.parent_path());
		create_work_dir(run.work_dir);
		run_guest_steps(run);
	} catch (const ModuleUnavailable &unavailable) {
		error = unavailable.error;
		module_unavailable = true;
	} catch (const Error &caught) {
		error = caught;
	} catch (const std::exception &caught) {
		error = run_error(std::string("VM run failed: ") + caught.what());
	}
	if (error)
		progress.note("error: " + std::string(error->what()));
	std::error_code ignored;
	fs::remove_all(run.work_dir, ignored);
	std::vector<RunResult> results = finished_results(run, error);
	return module_unavailable ? run_without_module(scenarios, options, progress, std::move(results)) : results;
}

// After the module could not be had: the scenarios that need it keep that error (`failed`), the
// others run in a boot of their own without it.
std::vector<RunResult> run_without_module(const std::vector<VmScenario> &scenarios, const VmRunOptions &options,
					  Progress &progress, std::vector<RunResult> failed)
{
	std::vector<VmScenario> others;
	for (const VmScenario &entry : scenarios)
		if (!uses_kernel_module(*entry.scenario))
			others.push_back(entry);
	if (others.empty())
		return failed;
	progress.note(fmt::format("running the {} scenario(s) without kmod workloads without the module", others.size()));
	std::vector<RunResult> ran = run_in_vm(others, options, progress);
	for (std::size_t i = 0, next = 0; i < scenarios.size(); i++)
		if (!uses_kernel_module(*scenarios[i].scenario))
			failed[i] = std::move(ran[next++]);
	return failed;
}

RunResult run_in_vm(const Scenario &scenario, const std::string &output_dir, const VmRunOptions &options,
		    Progress &progress)
{
	return run_in_vm(std::vector<VmScenario>{ { &scenario, output_dir } }, options, progress).front();
}

}  // namespace kmh
