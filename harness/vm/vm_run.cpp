// A VM run: module built for the image's kernel, initramfs packed, guest booted, its result read back.
#include "vm/vm_run.h"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>

#include <fmt/core.h>

#include "common/error.h"
#include "report/result_json.h"
#include "run/file_io.h"
#include "run/scenario_digest.h"
#include "vm/command.h"
#include "vm/console_scan.h"
#include "vm/guest_disk.h"
#include "vm/guest_failure.h"
#include "vm/guest_output.h"
#include "vm/initramfs.h"
#include "vm/kernel_image.h"
#include "vm/kernel_modules_dir.h"
#include "vm/kvm_verdict.h"
#include "vm/module_build.h"
#include "vm/pvh_kernel.h"
#include "vm/qemu_launch.h"
#include "vm/staged_commands.h"
#include "vm/swap_modules.h"

namespace kmh {

namespace fs = std::filesystem;

namespace {

constexpr double ns_per_s = 1e9;
constexpr double kvm_kernel_probe_seconds = 5;  // a kernel under KVM prints within a second, or hangs
constexpr double kvm_boot_probe_seconds = 30;   // and reaches /init within seconds
constexpr double guest_slack_seconds = 120;    // module load, BPF setup under TCG, sending results
constexpr const char *kvm_device = "/dev/kvm";
constexpr const char *guest_progress_prefix = "[kmemharness] ";
constexpr const char *qboot_firmware = "/usr/share/qemu/qboot.rom";  // qemu-system-data: fast, boots PVH

std::string utc_now()
{
	std::time_t now = std::time(nullptr);
	char text[32];
	std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
	return text;
}

// Everything a VM run shares between its steps.
struct VmRun {
	const Scenario &scenario;
	const VmRunOptions &options;
	Progress &progress;
	fs::path work_dir;  // the initramfs and its staging folder, removed at the end
	VmInfo info;
	std::string boot_image;  // what QEMU's -kernel gets: the PVH vmlinux or the bzImage
	std::string firmware;    // qboot with a PVH kernel, else "" (SeaBIOS)
	std::string cache_dir;   // module builds, PVH kernels, KVM verdicts
	std::string modules_dir{};  // the guest kernel's modules: zram, virtio and ext4 come from there
	std::string disk_image{};   // the scratch disk, in work_dir
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

bool kvm_usable()
{
	int fd = open(kvm_device, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

QemuConfig qemu_config(const VmRun &run, const std::string &accel, const std::string &initrd)
{
	const VmRunOptions &options = run.options;
	return { accel, options.memory_bytes, options.cpus, run.boot_image, run.firmware, initrd, options.cmdline,
		 run.info.console_log, (run.work_dir / "qemu.log").string(), run.disk_image };
}

// Shows the boot as one progress step, then the guest harness's own progress lines and any
// kernel crash line.
ConsoleListener console_listener(VmRun &run)
{
	return [&run, announced = false](const std::string &line, bool booted) mutable {
		if (booted && !announced) {
			announced = true;
			run.progress.done("reached /init");
			run.progress.step("scenario '" + run.scenario.name + "' in the guest");
		} else if (booted && line.starts_with(guest_progress_prefix)) {
			run.progress.note("guest: " + line.substr(std::string(guest_progress_prefix).size()));
		} else if (is_crash_line(line)) {
			run.progress.note("guest kernel: " + line);
		}
	};
}

GuestRun boot(VmRun &run, const std::string &accel, const std::string &initrd, const GuestDeadlines &deadlines)
{
	run.progress.step(fmt::format("booting {} under {}", run.info.kernel_release, accel));
	GuestRun guest = run_guest(qemu_config(run, accel, initrd), deadlines, console_listener(run));
	run.progress.done(guest.end == GuestEnd::exited ? "QEMU exited" : "QEMU killed at its deadline");
	bool qemu_failed = guest.end == GuestEnd::exited && guest.qemu_exit_status != 0;
	if (!guest.booted && guest.console.empty() && qemu_failed)
		throw environment_error(fmt::format("QEMU ({}) failed to start the guest: {}", accel,
						    last_lines(read_text_file((run.work_dir / "qemu.log").string())
								       .value_or(""), 5)));
	return guest;
}

// accel=auto: a KVM boot that does not reach /init soon is given up for TCG.
GuestRun boot_choosing_accel(VmRun &run, const std::string &initrd, const GuestDeadlines &deadlines)
{
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
		return boot(run, run.info.accel, initrd, deadlines);
	GuestDeadlines probe = deadlines;
	probe.kernel_seconds = std::min(deadlines.kernel_seconds, kvm_kernel_probe_seconds);
	probe.boot_seconds = std::min(deadlines.boot_seconds, kvm_boot_probe_seconds);
	GuestRun guest = boot(run, "kvm", initrd, probe);
	if (guest.booted)
		return guest;
	run.progress.note(guest.kernel_started ? fmt::format("the KVM guest did not reach /init within {:.0f} s; "
							     "falling back to TCG", probe.boot_seconds)
					       : fmt::format("the kernel printed nothing within {:.0f} s under KVM; "
							     "falling back to TCG", probe.kernel_seconds));
	remember_kvm_broken(run.cache_dir, run.info.kernel_release);
	run.info.accel = "tcg";
	return boot(run, "tcg", initrd, deadlines);
}

GuestDeadlines deadlines_for(const Scenario &scenario, const VmRunOptions &options)
{
	double boot = static_cast<double>(options.boot_timeout_ns) / ns_per_s;
	double scenario_seconds = static_cast<double>(scenario.timeout_ns) / ns_per_s;
	return { boot, boot, boot + scenario_seconds + guest_slack_seconds };
}

std::string prepare_initramfs(VmRun &run, const std::string &module)
{
	std::string harness = run.options.harness_binary;
	std::string archive = (run.work_dir / "initramfs.cpio.gz").string();
	run.progress.step("initramfs (busybox, kmemharness and its libraries, commands, modules, scenario)");
	InitramfsContents contents;
	contents.busybox = require_program("busybox", "busybox-static");
	contents.harness_binary = harness;
	contents.module = module;
	contents.scenario = run.options.scenario_path;
	contents.command_files = required_command_files(run.scenario.requires_.commands);
	if (run.options.swap_bytes > 0) {
		contents.swap_bytes = run.options.swap_bytes;
		contents.swap_modules = zram_module_files(run.modules_dir, run.info.kernel_release);
	}
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

// The module built for the guest's kernel, or "" when no workload needs it (nor its headers).
std::string module_for(VmRun &run, const KernelImage &image)
{
	if (!uses_kernel_module(run.scenario))
		return "";
	std::string source_dir = run.options.module_source_dir.empty()
					 ? default_module_source_dir(run.options.harness_binary)
					 : run.options.module_source_dir;
	return build_module(source_dir, image, run.cache_dir, run.progress);
}

// The result the guest wrote, or a run_failed result naming what is missing.
RunResult guest_result(VmRun &run, const GuestRun &guest)
{
	GuestOutput output = parse_guest_output(guest.console);
	RunResult result = empty_result(run.scenario);
	if (!output.complete) {
		fail(result, ExitCode::run_failed, { "the guest sent no output on its console; console: " +
						     run.info.console_log });
		return result;
	}
	extract_guest_output(output, run.options.output_dir);
	std::optional<std::string> json = read_text_file((fs::path(run.options.output_dir) / "result.json").string());
	if (!json) {
		int code = output.exit_code.value_or(to_int(ExitCode::run_failed));
		bool known = code == to_int(ExitCode::invalid_input) || code == to_int(ExitCode::environment);
		fail(result, known ? static_cast<ExitCode>(code) : ExitCode::run_failed,
		     { fmt::format("the guest's kmemharness exited {} without writing result.json; its messages are "
				   "in {}", code, run.info.console_log) });
		return result;
	}
	result = result_from_json(nlohmann::json::parse(*json));
	result.target = "vm";
	result.scenario.file = run.scenario.file;
	return result;
}

// Where a VM run's seconds went; a stage whose end line never came stays 0.
void record_stage_times(VmInfo &info, const GuestRun &guest)
{
	info.boot_seconds = guest.boot_seconds;
	info.total_seconds = guest.total_seconds;
	if (guest.harness_exited_seconds > 0)
		info.scenario_seconds = guest.harness_exited_seconds - guest.boot_seconds;
	if (guest.output_sent_seconds > 0) {
		info.send_seconds = guest.output_sent_seconds - guest.harness_exited_seconds;
		info.poweroff_seconds = std::max(0.0, guest.total_seconds - guest.output_sent_seconds);
	}
}

// console.log as a person reads it: the transfer's base64 lines are in the output folder already.
void keep_console_log(const VmRun &run, const GuestRun &guest)
{
	std::string text;
	for (const std::string &line : console_without_output(guest.console))
		text += line + "\n";
	write_report_file(run.info.console_log, text);
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

RunResult run_guest_steps(VmRun &run)
{
	HeadersNeed headers = uses_kernel_module(run.scenario) ? HeadersNeed::required : HeadersNeed::not_needed;
	KernelImage image = inspect_kernel_image(run.options.kernel_image, run.options.kernel_headers, headers);
	run.info.kernel_image = image.path;
	run.info.kernel_release = image.release;
	run.modules_dir = kernel_modules_dir(image.path, image.release);
	run.cache_dir = run.options.cache_dir.empty() ? default_cache_dir() : run.options.cache_dir;
	std::string module = module_for(run, image);
	choose_boot_image(run);
	prepare_disk(run);
	std::string initrd = prepare_initramfs(run, module);
	GuestDeadlines deadlines = deadlines_for(run.scenario, run.options);
	GuestRun guest = boot_choosing_accel(run, initrd, deadlines);
	record_stage_times(run.info, guest);
	std::optional<GuestFailure> failure = guest_failure(guest, run.info.accel, deadlines);
	keep_console_log(run, guest);
	RunResult result = failure ? empty_result(run.scenario) : guest_result(run, guest);
	if (failure)
		fail(result, failure->code, failure->errors);
	return result;
}

// Work folders of VM runs that were killed (their run-<pid>'s process is gone): an initramfs each.
void remove_stale_work_dirs(const fs::path &cache_dir)
{
	std::error_code ignored;
	for (const auto &entry : fs::directory_iterator(cache_dir, ignored)) {
		std::string name = entry.path().filename().string();
		pid_t owner = name.starts_with("run-") ? std::atoi(name.c_str() + 4) : 0;
		if (owner > 0 && kill(owner, 0) != 0 && errno == ESRCH)
			fs::remove_all(entry.path(), ignored);
	}
}

}  // namespace

VmRunOptions vm_run_options(const Scenario &scenario, const std::string &output_dir)
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
	options.swap_bytes = target.swap_bytes;
	options.disk_bytes = target.disk_bytes;
	options.scenario_path = scenario.file;
	options.output_dir = output_dir;
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

RunResult run_in_vm(const Scenario &scenario, const VmRunOptions &options, Progress &progress)
{
	VmRun run{ scenario, options, progress,
		   fs::path(options.cache_dir.empty() ? default_cache_dir() : options.cache_dir) /
			   fmt::format("run-{}", getpid()),
		   {} };
	run.info.kernel_image = options.kernel_image;
	run.info.memory_bytes = options.memory_bytes;
	run.info.cpus = options.cpus;
	run.info.console_log = (fs::path(options.output_dir) / "console.log").string();
	RunResult result;
	try {
		fs::create_directories(options.output_dir);
		remove_stale_work_dirs(run.work_dir.parent_path());
		fs::create_directories(run.work_dir);
		result = run_guest_steps(run);
	} catch (const Error &error) {
		result = empty_result(scenario);
		fail(result, error.code(), { error.what() });
		progress.note("error: " + std::string(error.what()));
	} catch (const std::exception &error) {
		result = empty_result(scenario);
		fail(result, ExitCode::run_failed, { std::string("VM run failed: ") + error.what() });
		progress.note("error: VM run failed: " + std::string(error.what()));
	}
	fs::remove_all(run.work_dir);
	result.vm = run.info;
	if (result.system.kernel_release.empty())
		result.system.kernel_release = run.info.kernel_release;
	if (result.finished_at.empty())
		result.finished_at = utc_now();
	return result;
}

}  // namespace kmh
