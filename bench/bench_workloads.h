// The overhead benchmark's workloads: loops with a known number of kmem events per iteration.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kmh {

struct BenchWorkload {
	std::string name;
	std::string iteration;  // what one iteration is, e.g. "page faulted in and unmapped"
	std::size_t iterations = 0;
	std::function<void()> run;
};

struct WorkloadSizes {
	std::size_t pages = 65536;      // pages per mapping of the page-bounce loop
	std::size_t mappings = 2;       // mappings faulted in and unmapped per measurement
	std::size_t opens = 200000;     // open/close pairs of the slab loop
};

// page_bounce: mmap `pages` anonymous pages (no THP), write one byte to each, munmap; `mappings`
// times. open_close: open("/dev/null") and close, `opens` times (each allocates a struct file
// and its cred/LSM objects from slab caches).
std::vector<BenchWorkload> bench_workloads(const WorkloadSizes &sizes);

}  // namespace kmh
