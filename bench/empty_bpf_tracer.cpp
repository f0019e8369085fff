// The baseline variant: bench/empty.bpf.c's empty tp_btf programs on the collectors' tracepoints.
#include <cerrno>
#include <cstring>

#include "bench_empty.skel.h"
#include "collect/bpf/libbpf_log.h"
#include "common/error.h"
#include "system/errno_error.h"
#include "tracer.h"

namespace kmh {

namespace {

class EmptyBpfTracer : public Tracer {
public:
	~EmptyBpfTracer() override { stop(); }
	std::string name() const override { return "empty_tp_btf"; }

	void start() override
	{
		skeleton_ = bench_empty_bpf__open_and_load();
		if (!skeleton_)
			throw environment_error(std::string("cannot load bench/empty.bpf.c: ") + std::strerror(errno) +
						"\n" + take_libbpf_log(6));
		if (bench_empty_bpf__attach(skeleton_) != 0) {
			int error = errno;
			stop();
			throw errno_error(ExitCode::environment, "cannot attach bench/empty.bpf.c", error);
		}
	}

	void stop() override
	{
		if (skeleton_)
			bench_empty_bpf__destroy(skeleton_);
		skeleton_ = nullptr;
	}

private:
	bench_empty_bpf *skeleton_ = nullptr;
};

}  // namespace

std::unique_ptr<Tracer> make_empty_bpf_tracer()
{
	return std::make_unique<EmptyBpfTracer>();
}

}  // namespace kmh
