// The bpftrace variant: a one-liner counting the kmem tracepoints per CPU, stopped with SIGINT.
#include <optional>

#include "child_process.h"
#include "common/error.h"
#include "kmem_tracepoints.h"
#include "tracer.h"

namespace kmh {

namespace {

using std::chrono::milliseconds;

class BpftraceTracer : public Tracer {
public:
	BpftraceTracer() : bpftrace_(find_in_path("bpftrace")) {}
	std::string name() const override { return "bpftrace"; }
	std::string missing_tool() const override { return bpftrace_.empty() ? "bpftrace" : ""; }

	// bpftrace prints "Attaching N probes..." and runs BEGIN once every probe is attached.
	void start() override
	{
		if (bpftrace_.empty())
			throw environment_error("bpftrace is not installed (Debian: bpftrace)");
		process_.emplace(std::vector<std::string>{bpftrace_, "-e", bpftrace_counting_program()});
		if (process_->wait_for_output("ready\n", milliseconds(60000)))
			return;
		process_->interrupt_and_wait(milliseconds(5000));
		std::string output = process_->output();
		process_.reset();
		throw environment_error("bpftrace did not attach:\n" + output);
	}

	void stop() override
	{
		if (!process_)
			return;
		int status = process_->interrupt_and_wait(milliseconds(30000));
		std::string output = process_->output();
		process_.reset();
		if (!ended_cleanly(status))
			throw run_error("bpftrace exited with status " + std::to_string(status) + ":\n" + output);
	}

private:
	std::string bpftrace_;
	std::optional<ChildProcess> process_;
};

}  // namespace

std::unique_ptr<Tracer> make_bpftrace_tracer()
{
	return std::make_unique<BpftraceTracer>();
}

}  // namespace kmh
