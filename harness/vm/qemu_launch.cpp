// Running qemu-system-x86_64 as a child process and following its serial console file.
#include "vm/qemu_launch.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <utility>

#include <fmt/core.h>

#include "common/error.h"
#include "common/external_programs.h"
#include "system/errno_error.h"
#include "system/interrupt_watch.h"
#include "system/tied_child.h"
#include "vm/command.h"
#include "vm/console_scan.h"
#include "vm/guest_init.h"

namespace kmh {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds poll_interval{ 50 };
constexpr std::int64_t mebibyte = 1 << 20;

// QEMU, tied to the harness (it dies with it), killed when it is still running as this goes out of
// scope (a deadline, a signal or an exception).
class QemuProcess {
public:
	explicit QemuProcess(const std::vector<std::string> &argv, const std::string &log)
	{
		int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (log_fd < 0)
			throw errno_error(ExitCode::run_failed, "cannot create " + log);
		try {
			pid_ = spawn_tied_child({ argv, "", log_fd });
		} catch (...) {
			close(log_fd);
			throw;
		}
		close(log_fd);
	}
	~QemuProcess() { kill_now(); }
	QemuProcess(const QemuProcess &) = delete;
	QemuProcess &operator=(const QemuProcess &) = delete;

	// True once QEMU has exited; its exit status is then in exit_status().
	bool exited()
	{
		int status = 0;
		if (running() && waitpid(pid_, &status, WNOHANG) == pid_)
			record_end(status);
		return !running();
	}
	void kill_now()
	{
		if (running())
			record_end(kill_and_reap(pid_));
	}
	int exit_status() const { return exit_status_; }

private:
	bool running() const { return pid_ > 0; }
	void record_end(int status)
	{
		exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		pid_ = 0;
	}

	pid_t pid_ = 0;
	int exit_status_ = -1;
};

// Reads what was appended to the console file since the last call and splits it into lines.
class ConsoleFollower {
public:
	explicit ConsoleFollower(std::string path) : path_(std::move(path)) {}
	~ConsoleFollower()
	{
		if (fd_ >= 0)
			close(fd_);
	}
	ConsoleFollower(const ConsoleFollower &) = delete;
	ConsoleFollower &operator=(const ConsoleFollower &) = delete;

	std::vector<std::string> new_lines()
	{
		if (fd_ < 0)
			fd_ = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
		char buffer[8192];
		ssize_t count;
		while (fd_ >= 0 && (count = read(fd_, buffer, sizeof(buffer))) > 0) {
			pending_.append(buffer, static_cast<std::size_t>(count));
			grew_ = true;
		}
		std::vector<std::string> lines;
		std::size_t newline;
		while ((newline = pending_.find('\n')) != std::string::npos) {
			lines.push_back(console_line(std::string_view(pending_).substr(0, newline)));
			pending_.erase(0, newline + 1);
		}
		return lines;
	}
	// The last line when it has no newline yet, e.g. after QEMU exited.
	std::string rest() const { return console_line(pending_); }
	// Whether anything arrived since the last call, a part of a line included ("CPUs: #1 #2 …").
	bool grew()
	{
		return std::exchange(grew_, false);
	}

private:
	std::string path_;
	int fd_ = -1;
	std::string pending_;
	bool grew_ = false;
};

double seconds_since(Clock::time_point start)
{
	return std::chrono::duration<double>(Clock::now() - start).count();
}

// One console line: the markers the guest's /init prints, then the run's record of it.
void take_line(const std::string &line, GuestRun &run, double seconds, const ConsoleListener &listener)
{
	run.kernel_started = run.kernel_started || is_kernel_message(line);
	if (!run.booted && line == guest_ready_marker) {
		run.booted = true;
		run.boot_seconds = seconds;
	} else if (line == guest_setup_marker) {
		run.setup_seconds = seconds;
	} else if (line.starts_with(guest_harness_exited_prefix)) {
		run.harness_exited_seconds = seconds;
	} else if (line == guest_output_end) {
		run.output_sent_seconds = seconds;
	}
	run.console.push_back(line);
	run.line_seconds.push_back(seconds);
	listener(line, run.booted, seconds);
}

// A kernel message printed into the middle of a guest line is taken as a line of its own.
void take_lines(const std::vector<std::string> &lines, GuestRun &run, Clock::time_point start,
		const ConsoleListener &listener)
{
	for (const std::string &raw : lines)
		for (const std::string &line : split_interleaved_message(raw))
			take_line(line, run, seconds_since(start), listener);
}

// A value inside a QEMU -drive option list, where a comma is written twice.
std::string qemu_option_value(const std::string &value)
{
	std::string escaped;
	for (char c : value)
		escaped += c == ',' ? std::string(",,") : std::string(1, c);
	return escaped;
}

}  // namespace

std::string kernel_cmdline(const std::string &extra)
{
	std::string fixed = "console=ttyS0 panic=-1 oops=panic printk.time=1 noirqdebug no_timer_check rdinit=/init";
	return extra.empty() ? fixed : fixed + " " + extra;
}

std::string accel_argument(const std::string &accel)
{
	return accel == "tcg" ? "tcg,thread=single" : accel;
}

std::vector<std::string> numa_arguments(std::int64_t memory_mib, int cpus, int nodes)
{
	std::vector<std::string> argv;
	for (int node = 0; node < nodes; node++) {
		std::int64_t node_mib = memory_mib / nodes + (node == nodes - 1 ? memory_mib % nodes : 0);
		int first_cpu = node * cpus / nodes, end_cpu = (node + 1) * cpus / nodes;
		std::string node_cpus = first_cpu < end_cpu ? fmt::format(",cpus={}-{}", first_cpu, end_cpu - 1) : "";
		argv.insert(argv.end(), { "-object", fmt::format("memory-backend-ram,id=ram{},size={}M", node, node_mib),
					  "-numa", fmt::format("node,nodeid={}{},memdev=ram{}", node, node_cpus, node) });
	}
	return argv;
}

std::vector<std::string> qemu_command(const QemuConfig &config, const std::string &qemu_binary)
{
	std::int64_t memory_mib = (config.memory_bytes + mebibyte - 1) / mebibyte;
	std::vector<std::string> argv = { qemu_binary,
		 "-accel", accel_argument(config.accel),
		 "-m", fmt::format("{}M", memory_mib),
		 "-smp", std::to_string(config.cpus),
		 "-nographic", "-no-reboot",
		 "-monitor", "none",
		 "-nic", "none",
		 "-kernel", config.kernel_image,
		 "-initrd", config.initrd,
		 "-append", kernel_cmdline(config.extra_cmdline),
		 "-serial", "file:" + config.console_log };
	if (config.numa_nodes > 1) {
		std::vector<std::string> numa = numa_arguments(memory_mib, config.cpus, config.numa_nodes);
		argv.insert(argv.end(), numa.begin(), numa.end());
	}
	if (!config.firmware.empty())
		argv.insert(argv.end(), { "-bios", config.firmware });
	if (!config.disk_image.empty())
		argv.insert(argv.end(), { "-drive", "file=" + qemu_option_value(config.disk_image) +
							",if=virtio,format=raw,cache=unsafe" });
	return argv;
}

GuestRun run_guest(const QemuConfig &config, GuestDeadlines &deadlines, const ConsoleListener &listener)
{
	std::string qemu = require_program("qemu-system-x86_64");
	std::filesystem::remove(config.console_log);  // never follow an earlier run's console
	Clock::time_point start = Clock::now();
	QemuProcess process(qemu_command(config, qemu), config.qemu_log);
	ConsoleFollower follower(config.console_log);
	GuestRun run;
	while (!process.exited()) {
		take_lines(follower.new_lines(), run, start, listener);
		double elapsed = seconds_since(start);
		if (follower.grew())
			run.last_output_seconds = elapsed;
		bool boot_late = !run.kernel_started && elapsed > deadlines.kernel_seconds;
		if (!run.booted && (boot_late || elapsed > deadlines.boot_seconds))
			run.end = GuestEnd::boot_timeout;
		else if (elapsed > deadlines.run_seconds)
			run.end = GuestEnd::run_timeout;
		if (InterruptWatch::pending_signal() != 0)
			run.end = GuestEnd::interrupted;
		if (run.end != GuestEnd::exited) {
			process.kill_now();
			break;
		}
		std::this_thread::sleep_for(poll_interval);
	}
	run.total_seconds = seconds_since(start);
	take_lines(follower.new_lines(), run, start, listener);
	if (!follower.rest().empty())
		take_lines({ follower.rest() }, run, start, listener);
	run.qemu_exit_status = process.exit_status();
	return run;
}

}  // namespace kmh
