// /proc and debugfs snapshots: the kinds a scenario may ask for and reading them into base metrics.
#pragma once

#include <string>
#include <vector>

#include "metrics/metric.h"

namespace kmh {

using ProcTextParser = std::vector<Metric> (*)(const std::string &text, const std::string &source);

// The file system a snapshot's file lies in.
enum class SnapshotRoot { proc, debugfs };

// Where those file systems are mounted.
struct SnapshotRoots {
	std::string proc = "/proc";
	std::string debugfs = "/sys/kernel/debug";
};

struct ProcSnapshotKind {
	std::string name;         // as written in a scenario's collect.snapshots: "pagetypeinfo"
	std::string file;         // its file under its root: "pagetypeinfo", "extfrag/extfrag_index"
	std::string requirement;  // what provides the file and lets us read it
	ProcTextParser parse;
	SnapshotRoot root = SnapshotRoot::proc;
};

// pagetypeinfo, buddyinfo, meminfo, vmstat, slabinfo, zoneinfo (under /proc); extfrag_index,
// unusable_index (under debugfs).
const std::vector<ProcSnapshotKind> &proc_snapshot_kinds();

// Whether any of the kinds named reads a debugfs file (the run then makes sure debugfs is mounted).
bool needs_debugfs(const std::vector<std::string> &kinds);

// The kind called `name`, or nullptr.
const ProcSnapshotKind *find_proc_snapshot_kind(const std::string &name);

// Reads and parses the files of `kinds` under their roots into base metrics (no .before/.after
// suffix; see snapshot_phase_metrics). Throws kmh::Error: invalid_input for an unknown kind,
// environment for a file that is missing or unreadable (naming what provides it), run_failed for
// malformed text.
std::vector<Metric> take_proc_snapshot(const std::vector<std::string> &kinds, const SnapshotRoots &roots = {});

}  // namespace kmh
