// Naming kernel threads that work for the scenario (the module's workers) to a collector's BPF side.
#pragma once

#include <vector>

struct bpf_object;

namespace kmh {

// Inserts each pid into the object's workload_pids map; throws run_error when the map is full.
void add_workload_pids(bpf_object *object, const std::vector<int> &pids);

}  // namespace kmh
