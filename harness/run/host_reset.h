// What ab resets on this machine before each host run, and what one run leaves for the next all the same.
#pragma once

#include <string>
#include <vector>

namespace kmh {

// Syncs, drops the page cache, dentries and inodes (vm.drop_caches=3) and compacts memory
// (vm.compact_memory=1, when the kernel has compaction). Returns what was done, one phrase each.
// The sysctls a run set are restored by the run itself. Throws environment_error naming the file
// it cannot write (not root).
std::vector<std::string> reset_host_memory();

// The state that survives reset_host_memory: what a host A/B cannot make equal for both sides.
std::vector<std::string> host_state_not_reset();

}  // namespace kmh
