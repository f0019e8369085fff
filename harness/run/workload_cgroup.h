// The scenario's own cgroup v2: workload processes join it, BPF attributes events to its id.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>

#include "report/run_result.h"
#include "scenario/scenario.h"

namespace kmh {

class MemoryCgroup;

class WorkloadCgroup {
public:
	// Creates kmemharness.<pid> under the cgroup2 mount (pure v2 or the hybrid "unified"
	// hierarchy), after removing those of killed runs there and in a cgroup v1 memory hierarchy.
	// Throws environment_error when there is no cgroup2 mount.
	WorkloadCgroup();
	// Kills whatever is still inside and removes the directory.
	~WorkloadCgroup();
	WorkloadCgroup(const WorkloadCgroup &) = delete;
	WorkloadCgroup &operator=(const WorkloadCgroup &) = delete;

	const std::string &path() const { return path_; }
	std::uint64_t id() const { return id_; }

	// Moves the calling process into the cgroup, and into its memory cgroup when that is a
	// separate cgroup v1 one (used in a freshly forked workload child).
	void join_self() const;

	// Limits the memory of the processes that join from now on (see MemoryCgroup); returns
	// what was set and how. Throws environment_error when there is no memory controller.
	MemoryLimitInfo limit_memory(const CgroupSpec &spec);
	// OOM kills so far: in the memory-limited cgroup, or machine-wide (/proc/vmstat oom_kill)
	// when no limit was set.
	std::uint64_t oom_kills() const;

private:
	std::string path_;
	std::uint64_t id_ = 0;
	std::unique_ptr<MemoryCgroup> memory_;
};

// Removes kmemharness.<pid> cgroups under `mount` (a cgroup2 or v1 hierarchy) left by runs that
// were killed (their pid no longer exists).
void remove_stale_cgroups(const std::string &mount);

// The name of this run's cgroups: kmemharness.<pid of the harness>.
std::string own_cgroup_name();

// Kills what is inside the cgroup until it can be removed, and removes it; false when it stays.
bool remove_cgroup(const std::string &path);

}  // namespace kmh
