// perf stat and perf record on the kmem tracepoints, started disabled and enabled through perf's control pipe.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <optional>

#include "child_process.h"
#include "common/error.h"
#include "common/external_programs.h"
#include "kmem_tracepoints.h"
#include "system/errno_error.h"
#include "tracer.h"

namespace kmh {

namespace {

using std::chrono::milliseconds;

struct Pipe {
	int read_end = -1;
	int write_end = -1;

	Pipe()
	{
		int fds[2];
		if (pipe2(fds, O_CLOEXEC) != 0)
			throw errno_error(ExitCode::run_failed, "pipe");
		read_end = fds[0];
		write_end = fds[1];
	}
	~Pipe()
	{
		close(read_end);
		close(write_end);
	}
	Pipe(const Pipe &) = delete;
	Pipe &operator=(const Pipe &) = delete;
};

// perf <subcommand> -e kmem:... with events enabled only once perf acknowledged "enable".
class PerfTracer : public Tracer {
public:
	PerfTracer(std::string name, std::vector<std::string> subcommand)
		: name_(std::move(name)), subcommand_(std::move(subcommand)), perf_(find_program("perf").value_or(""))
	{
	}
	std::string name() const override { return name_; }
	std::string missing_tool() const override { return perf_.empty() ? "perf" : ""; }

	void start() override
	{
		if (perf_.empty())
			throw environment_error("perf is not installed: " + install_hint("perf"));
		control_.emplace();
		acknowledgement_.emplace();
		process_.emplace(command(), std::vector<int>{control_->read_end, acknowledgement_->write_end});
		if (write(control_->write_end, "enable\n", 7) != 7 || !acknowledged())
			fail_to_start();
	}

	void stop() override
	{
		if (!process_)
			return;
		// perf goes first: its control pipes stay open until it has stopped.
		try {
			stop_cleanly(process_, name_);
		} catch (...) {
			close_pipes();
			throw;
		}
		close_pipes();
	}

private:
	std::vector<std::string> command() const
	{
		std::vector<std::string> argv{perf_};
		argv.insert(argv.end(), subcommand_.begin(), subcommand_.end());
		argv.insert(argv.end(), {"-e", perf_event_list(), "-D", "-1", "--control",
					 "fd:" + std::to_string(control_->read_end) + "," +
						 std::to_string(acknowledgement_->write_end)});
		return argv;
	}

	// perf answers "ack" on the acknowledgement pipe once the events are enabled.
	bool acknowledged()
	{
		std::string reply;
		char buffer[16];
		while (reply.find("ack") == std::string::npos) {
			pollfd ready{acknowledgement_->read_end, POLLIN, 0};
			if (poll(&ready, 1, 10000) <= 0)
				return false;
			ssize_t got = read(acknowledgement_->read_end, buffer, sizeof(buffer));
			if (got <= 0)
				return false;
			reply.append(buffer, static_cast<size_t>(got));
		}
		return true;
	}

	void close_pipes()
	{
		control_.reset();
		acknowledgement_.reset();
	}

	[[noreturn]] void fail_to_start()
	{
		process_->interrupt_and_wait(milliseconds(5000));
		std::string output = process_->output();
		process_.reset();
		throw environment_error(name_ + " did not start counting:\n" + output);
	}

	std::string name_;
	std::vector<std::string> subcommand_;
	std::string perf_;
	std::optional<Pipe> control_;
	std::optional<Pipe> acknowledgement_;
	std::optional<ChildProcess> process_;
};

}  // namespace

std::unique_ptr<Tracer> make_perf_stat_tracer(const std::string &output_file)
{
	return std::make_unique<PerfTracer>("perf_stat", std::vector<std::string>{"stat", "-a", "-x,", "-o", output_file});
}

std::unique_ptr<Tracer> make_perf_record_tracer(const std::string &output_file)
{
	return std::make_unique<PerfTracer>("perf_record", std::vector<std::string>{"record", "-a", "-q", "-o", output_file});
}

std::unique_ptr<Tracer> make_perf_stat_task_tracer(const std::string &output_file, pid_t pid)
{
	return std::make_unique<PerfTracer>("perf_stat_task", std::vector<std::string>{"stat", "-p", std::to_string(pid),
											"-x,", "-o", output_file});
}

}  // namespace kmh
