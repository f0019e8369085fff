// /proc snapshots: the kinds a scenario may ask for and reading them into base metrics.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

using ProcTextParser = std::vector<Metric> (*)(const std::string &text, const std::string &source);

struct ProcSnapshotKind {
	std::string name;         // as written in a scenario's collect.snapshots: "pagetypeinfo"
	std::string file;         // its file under the proc root: "pagetypeinfo"
	std::string requirement;  // what provides the file and lets us read it
	ProcTextParser parse;
};

// pagetypeinfo, buddyinfo, meminfo, vmstat, slabinfo, zoneinfo.
const std::vector<ProcSnapshotKind> &proc_snapshot_kinds();

// The kind called `name`, or nullptr.
const ProcSnapshotKind *find_proc_snapshot_kind(const std::string &name);

// Reads and parses the files of `kinds` under `proc_root` into base metrics (no .before/.after
// suffix; see snapshot_phase_metrics). Throws kmh::Error: invalid_input for an unknown kind,
// environment for a file that is missing or unreadable (naming what provides it), run_failed for
// malformed text.
std::vector<Metric> take_proc_snapshot(const std::vector<std::string> &kinds, const std::string &proc_root = "/proc");

}  // namespace kmh
