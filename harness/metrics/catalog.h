// The catalog of metric families kmemharness can produce: names, labels and meaning.
#pragma once

#include <string>
#include <vector>

namespace kmh {

struct MetricFamily {
	std::string name;                 // e.g. "pcp.drain.events"; for snapshots "meminfo.*"
	std::vector<std::string> labels;  // the labels a series of this family may carry
	std::string unit;                 // "events", "bytes", "pages", "blocks", "count"
	std::string source;               // the collector or snapshot that produces it; "sysctl": always read
	std::string help;
	bool phased = true;               // kernel-keyed names end in .before, .after or .delta (not sysctl.*)
};

// The source of sysctl.<name>: the value in effect during the run, read for every sysctl the
// scenario sets or an assertion names, whatever [collect] says.
inline const char *const sysctl_source = "sysctl";

const std::vector<MetricFamily> &metric_catalog();

// The family a concrete metric name belongs to, or nullptr. Names with kernel-defined keys
// (meminfo.SReclaimable.delta, vmstat.pgfault.after, sysctl.vm.extfrag_threshold) resolve to
// their wildcard family.
const MetricFamily *find_metric_family(const std::string &name);

// Whether the family's names are only known once the kernel is read (meminfo.*, vmstat.*, sysctl.*):
// such a reference is checked against the run's metrics, not at validation.
bool is_kernel_keyed_family(const MetricFamily &family);

// The labels every series of a BPF collector carries.
inline const char *const scope_workload = "workload";
inline const char *const scope_system = "system";

}  // namespace kmh
