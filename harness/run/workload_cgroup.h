// The scenario's own cgroup v2: workload processes join it, BPF attributes events to its id.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

namespace kmh {

class WorkloadCgroup {
public:
	// Creates kmemharness.<pid> under the cgroup2 mount (pure v2 or the hybrid "unified"
	// hierarchy). Throws environment_error when there is no cgroup2 mount.
	WorkloadCgroup();
	// Kills whatever is still inside and removes the directory.
	~WorkloadCgroup();
	WorkloadCgroup(const WorkloadCgroup &) = delete;
	WorkloadCgroup &operator=(const WorkloadCgroup &) = delete;

	const std::string &path() const { return path_; }
	std::uint64_t id() const { return id_; }

	// Moves the calling process into the cgroup (used in a freshly forked workload child).
	void join_self() const;

private:
	std::string path_;
	std::uint64_t id_ = 0;
};

// The cgroup2 mount point, or "" (e.g. /sys/fs/cgroup on pure v2, /sys/fs/cgroup/unified on hybrid).
std::string find_cgroup2_mount();

// Removes kmemharness.<pid> cgroups left by runs that were killed (their pid no longer exists).
void remove_stale_cgroups(const std::string &cgroup2_mount);

}  // namespace kmh
