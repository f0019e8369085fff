// One way of watching the kmem tracepoints while the workload runs: a variant of the overhead benchmark.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "collect/bpf_collector.h"
#include "collect/collector_registry.h"

namespace kmh {

class Tracer {
public:
	virtual ~Tracer() = default;
	virtual std::string name() const = 0;
	// When start() returns, every event is traced. Throws kmh::Error: environment when this
	// machine cannot run the variant (the benchmark then skips it), run_failed otherwise.
	virtual void start() = 0;
	// Detaches; nothing is traced afterwards.
	virtual void stop() = 0;
	// The program this variant needs that is not installed ("perf", "bpftrace"), or "".
	virtual std::string missing_tool() const { return ""; }
};

// Nothing attached.
std::unique_ptr<Tracer> make_bare_tracer();
// Every kmemharness BPF collector, attached as `kmemharness run` attaches them.
std::unique_ptr<Tracer> make_kmemharness_tracer(const KernelFacts &facts);
// The same with the opt-in callsite collector beside them: what `collectors = [..., "callsite"]` costs.
std::unique_ptr<Tracer> make_kmemharness_callsite_tracer(const KernelFacts &facts);
// bench/empty.bpf.c: an empty tp_btf program on each tracepoint.
std::unique_ptr<Tracer> make_empty_bpf_tracer();
// perf stat -a -e kmem:... counting system-wide.
std::unique_ptr<Tracer> make_perf_stat_tracer(const std::string &output_file);
// perf record -a -e kmem:... -o output_file.
std::unique_ptr<Tracer> make_perf_record_tracer(const std::string &output_file);
// perf stat -p pid: the events raised while that process (and its threads) run.
std::unique_ptr<Tracer> make_perf_stat_task_tracer(const std::string &output_file, pid_t pid);
// bpftrace counting every tracepoint per CPU into a map.
std::unique_ptr<Tracer> make_bpftrace_tracer();

// The kmem collectors of kmemharness (kmem_collector_names()) started with `settings`
// (what make_kmemharness_tracer uses).
std::vector<std::unique_ptr<BpfCollector>> start_all_collectors(const KernelFacts &facts,
								 const CollectorSettings &settings);

}  // namespace kmh
