// Pinning threads to CPUs, with errors that name the CPU that cannot be used.
#pragma once

#include <pthread.h>

#include <vector>

namespace kmh {

// Throws environment_error naming `cpu` when this machine does not have it or it is offline.
void require_online_cpu(int cpu);

// The same check for each of `cpus`.
void require_online_cpus(const std::vector<int> &cpus);

// Pins `thread` to `cpu` alone.
void pin_thread_to_cpu(pthread_t thread, int cpu);

// Pins the calling thread to `cpu` alone.
void pin_current_thread_to_cpu(int cpu);

// Restricts the calling thread to `cpus` (a workload's `cpus`); an empty list changes nothing.
void restrict_current_thread_to_cpus(const std::vector<int> &cpus);

}  // namespace kmh
