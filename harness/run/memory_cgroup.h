// The workload cgroup's memory limit: memory.max on cgroup v2, or a cgroup v1 memory cgroup beside it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "report/run_result.h"
#include "scenario/scenario.h"

namespace kmh {

enum class MemcgMechanism {
	cgroup2,  // the cgroup2 hierarchy has the memory controller: memory.max on the workload cgroup
	cgroup1,  // hybrid: memory is a cgroup v1 hierarchy; a memory cgroup of its own, joined as well
};

struct MemoryController {
	MemcgMechanism mechanism;
	std::string mount;  // the hierarchy's mount point
};

// The cgroup2 mount when its cgroup.controllers lists "memory", else the cgroup v1 memory
// hierarchy's mount; nullopt when the machine has neither.
std::optional<MemoryController> find_memory_controller();

// The memory limit of the cgroup the calling process is in (memory.max on cgroup v2,
// memory.limit_in_bytes on v1, the lower when both limit it); nullopt when it has none.
std::optional<std::int64_t> own_memory_limit();

// The least room left under the memory limits of the calling process's cgroup and its ancestors
// (limit minus usage: memory.max - memory.current on v2, memory.limit_in_bytes -
// memory.usage_in_bytes on v1); nullopt when none of them is limited.
std::optional<std::int64_t> own_memory_room();

// "oom_kill N" of memory.events (v2), memory.oom_control (v1) or /proc/vmstat; 0 when the line is missing.
std::uint64_t parse_oom_kill_count(const std::string &file_text);

class MemoryCgroup {
public:
	// cgroup2: enables +memory in the workload cgroup's parent and writes memory.max (and
	// memory.swap.max) in `workload_cgroup`. cgroup1: creates kmemharness.<pid> under the v1 memory
	// mount with memory.limit_in_bytes (and memory.memsw.limit_in_bytes). Throws environment_error
	// naming the file or the missing controller.
	MemoryCgroup(const CgroupSpec &spec, const std::string &workload_cgroup);
	// cgroup1: kills what is still inside and removes the directory.
	~MemoryCgroup();
	MemoryCgroup(const MemoryCgroup &) = delete;
	MemoryCgroup &operator=(const MemoryCgroup &) = delete;

	// Moves the calling process in (cgroup1); nothing to do on cgroup2, the workload cgroup is it.
	void join_self() const;
	// OOM kills inside the limited cgroup so far.
	std::uint64_t oom_kills() const;
	const MemoryLimitInfo &info() const { return info_; }

private:
	void limit_cgroup2(const CgroupSpec &spec, const std::string &workload_cgroup);
	void limit_cgroup1(const CgroupSpec &spec, const std::string &mount);

	MemoryLimitInfo info_;
	std::string owned_path_;  // the v1 directory this object created, removed with it
};

}  // namespace kmh
