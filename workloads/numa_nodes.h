// The NUMA nodes that have memory, and the node each page of this process lies on (move_pages(2) without targets).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kmh {

// The nodes of a kernel node list such as "0-1,3\n" (/sys/devices/system/node/has_memory), in
// ascending order; nullopt when the text is not such a list.
std::optional<std::vector<int>> parse_node_list(const std::string &text);

// The nodes with memory; {0} on a kernel without NUMA (no has_memory file).
std::vector<int> memory_nodes();

// The node each page is on, or -errno where it has none (-ENOENT: not faulted in).
std::vector<int> page_nodes(const std::vector<void *> &pages);

}  // namespace kmh
