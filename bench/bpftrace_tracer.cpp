// The bpftrace variant: a one-liner counting the kmem tracepoints per CPU, stopped with SIGINT.
#include <optional>

#include "child_process.h"
#include "common/error.h"
#include "common/external_programs.h"
#include "kmem_tracepoints.h"
#include "tracer.h"

namespace kmh {

namespace {

using std::chrono::milliseconds;

class BpftraceTracer : public Tracer {
public:
	BpftraceTracer() : installed_(find_program("bpftrace").has_value()) {}
	std::string name() const override { return "bpftrace"; }
	std::string missing_tool() const override { return installed_ ? "" : "bpftrace"; }

	void start() override { start_bpftrace(process_, bpftrace_counting_program()); }

	void stop() override
	{
		if (process_)
			stop_cleanly(process_, "bpftrace");
	}

private:
	bool installed_;
	std::optional<ChildProcess> process_;
};

}  // namespace

std::unique_ptr<Tracer> make_bpftrace_tracer()
{
	return std::make_unique<BpftraceTracer>();
}

}  // namespace kmh
