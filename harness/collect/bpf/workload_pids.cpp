// Filling the workload_pids map every collector shares through workload_scope.bpf.h.
#include "collect/bpf/workload_pids.h"

#include <bpf/bpf.h>

#include <cstdint>
#include <string>

#include "collect/bpf/percpu_map_reader.h"
#include "common/error.h"
#include "system/errno_error.h"

namespace kmh {

void add_workload_pids(bpf_object *object, const std::vector<int> &pids)
{
	if (pids.empty())
		return;
	int fd = map_fd(object, "workload_pids");
	std::uint8_t present = 1;
	for (int pid : pids) {
		std::uint32_t key = static_cast<std::uint32_t>(pid);
		if (bpf_map_update_elem(fd, &key, &present, BPF_ANY) != 0)
			throw errno_error(ExitCode::run_failed, "cannot add pid " + std::to_string(pid) + " to workload_pids");
	}
}

}  // namespace kmh
