// Where the cgroup hierarchies are mounted, and the memory limit the calling process runs under.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace kmh {

// The cgroup2 mount point, or "" (e.g. /sys/fs/cgroup on pure v2, /sys/fs/cgroup/unified on hybrid).
std::string find_cgroup2_mount();

// The mount point of the cgroup v1 hierarchy that has the memory controller, or "".
std::string find_cgroup1_memory_mount();

// Whether `word` is one of the items of a cgroup list (cgroup.controllers, mount options),
// separated by `separator`.
bool lists_word(const std::string &text, const std::string &word, char separator);

// The memory limit of the cgroup the calling process is in (memory.max on cgroup v2,
// memory.limit_in_bytes on v1, the lower when both limit it); nullopt when it has none.
std::optional<std::int64_t> own_memory_limit();

// The least room left under the memory limits of the calling process's cgroup and its ancestors
// (limit minus usage: memory.max - memory.current on v2, memory.limit_in_bytes -
// memory.usage_in_bytes on v1); nullopt when none of them is limited.
std::optional<std::int64_t> own_memory_room();

}  // namespace kmh
