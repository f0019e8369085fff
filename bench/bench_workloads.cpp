// The page-bounce and open/close loops the overhead benchmark times.
#include "bench_workloads.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

#include "common/error.h"
#include "system/errno_error.h"

namespace kmh {

namespace {

void fault_in_and_unmap(std::size_t pages)
{
	std::size_t page_size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
	std::size_t length = pages * page_size;
	void *mapping = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mapping == MAP_FAILED)
		throw errno_error(ExitCode::run_failed, "mmap");
	madvise(mapping, length, MADV_NOHUGEPAGE);
	auto *bytes = static_cast<volatile char *>(mapping);
	for (std::size_t offset = 0; offset < length; offset += page_size)
		bytes[offset] = 1;
	munmap(mapping, length);
}

void open_and_close(std::size_t times)
{
	for (std::size_t i = 0; i < times; ++i) {
		int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			throw errno_error(ExitCode::run_failed, "open /dev/null");
		close(fd);
	}
}

}  // namespace

std::vector<BenchWorkload> bench_workloads(const WorkloadSizes &sizes)
{
	return {
		{"page_bounce", "page faulted in and unmapped", sizes.pages * sizes.mappings,
		 [sizes] {
			 for (std::size_t m = 0; m < sizes.mappings; ++m)
				 fault_in_and_unmap(sizes.pages);
		 }},
		{"open_close", "open/close of /dev/null", sizes.opens, [sizes] { open_and_close(sizes.opens); }},
	};
}

}  // namespace kmh
