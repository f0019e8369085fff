// hugetlb: fault a known number of huge pages into anonymous, memfd, SysV and private-copy hugetlb mappings.
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include "common/error.h"
#include "system/errno_error.h"
#include "workloads/descriptors.h"
#include "workloads/hugepage_pool.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

const char *const memfd_name = "kmh-hugetlb";  // the mapping shows as "memfd:kmh-hugetlb"

struct HugetlbOptions {
	std::int64_t anon_pages = 0;
	std::int64_t file_pages = 0;
	std::int64_t shm_pages = 0;
	std::int64_t cow_pages = 0;

	std::int64_t total() const { return anon_pages + file_pages + shm_pages + cow_pages; }
};

// An IPC_PRIVATE SHM_HUGETLB segment, attached and at once marked for removal: it goes with its
// last detach, even when the process dies.
class SysvHugeSegment {
public:
	explicit SysvHugeSegment(std::size_t bytes) : size_(bytes)
	{
		int shmid = shmget(IPC_PRIVATE, bytes, IPC_CREAT | SHM_HUGETLB | 0600);
		if (shmid < 0)
			throw errno_error(ExitCode::run_failed, fmt::format("shmget(SHM_HUGETLB) of {} bytes failed", bytes));
		void *address = shmat(shmid, nullptr, 0);
		shmctl(shmid, IPC_RMID, nullptr);
		if (address == reinterpret_cast<void *>(-1))
			throw errno_error(ExitCode::run_failed, "shmat of a SHM_HUGETLB segment failed");
		data_ = static_cast<char *>(address);
	}
	SysvHugeSegment(const SysvHugeSegment &) = delete;
	SysvHugeSegment &operator=(const SysvHugeSegment &) = delete;
	~SysvHugeSegment() { shmdt(data_); }

	std::size_t touch(std::size_t stride) { return touch_every(data_, size_, stride); }

private:
	char *data_ = nullptr;
	std::size_t size_ = 0;
};

// Reads one byte of each huge page, then writes it: the write finds the file's page mapped
// read-only in a private mapping and copies it (hugetlb_wp()). Returns the pages copied.
std::size_t read_then_write(Mapping &mapping, std::size_t huge)
{
	volatile const char *bytes = mapping.data();
	for (std::size_t offset = 0; offset < mapping.size(); offset += huge)
		(void)bytes[offset];
	return mapping.touch(huge);
}

class Hugetlb : public Workload {
public:
	explicit Hugetlb(HugetlbOptions options) : options_(options) {}
	~Hugetlb() override { release(); }

	// Maps (and so reserves) every huge page before measuring starts; run() only faults them in.
	void prepare() override
	{
		pool_ = require_free_pages(options_.total());
		std::size_t huge = pool_.page_bytes;
		if (options_.anon_pages)
			anon_ = Mapping::hugetlb_anonymous(options_.anon_pages * huge);
		if (options_.file_pages)
			map_memfd(huge);
		if (options_.shm_pages)
			shm_.emplace(options_.shm_pages * huge);
	}

	std::vector<WorkloadMetric> run() override
	{
		std::size_t huge = pool_.page_bytes;
		std::size_t anon = anon_ ? anon_->touch(huge) : 0;
		std::size_t file = file_ ? file_->touch(huge) : 0;
		std::size_t shm = shm_ ? shm_->touch(huge) : 0;
		std::size_t cow = cow_ ? read_then_write(*cow_, huge) : 0;
		return {
			{"pages", {}, static_cast<double>(anon + file + shm + cow)},
			{"faults", {}, static_cast<double>(anon + file + shm + 2 * cow)},
			{"anon_pages", {}, static_cast<double>(anon)},
			{"file_pages", {}, static_cast<double>(file)},
			{"shm_pages", {}, static_cast<double>(shm)},
			{"cow_pages", {}, static_cast<double>(cow)},
			{"huge_page_bytes", {}, static_cast<double>(huge)},
		};
	}

	// After the closing snapshot: the pages are still held there, so HugePages_Free shows them.
	void cleanup() override { release(); }

private:
	static HugepagePool require_free_pages(std::int64_t needed)
	{
		std::optional<HugepagePool> pool = read_hugepage_pool();
		if (!pool)
			throw environment_error("this kernel has no huge page pool (no Hugepagesize in /proc/meminfo)");
		if (pool->free < needed)
			throw environment_error(fmt::format(
				"hugetlb needs {} free huge pages of {} KiB; /proc/meminfo has HugePages_Free {} "
				"(HugePages_Total {}): reserve them with \"vm.nr_hugepages\" in the scenario's [sysctl] table",
				needed, pool->page_bytes / 1024, pool->free, pool->total));
		return *pool;
	}

	// A hugetlbfs file without a mount: shared pages, and a private copy-on-write view of the first ones.
	void map_memfd(std::size_t huge)
	{
		memfd_ = memfd_create(memfd_name, MFD_HUGETLB | MFD_CLOEXEC);
		if (memfd_ < 0)
			throw errno_error(ExitCode::environment, "memfd_create(MFD_HUGETLB) failed");
		if (ftruncate(memfd_, options_.file_pages * huge) != 0)
			throw errno_error(ExitCode::run_failed, "ftruncate of the hugetlb memfd failed");
		file_ = Mapping::file(memfd_, options_.file_pages * huge, Sharing::shared);
		if (options_.cow_pages)
			cow_ = Mapping::file(memfd_, options_.cow_pages * huge, Sharing::private_copy);
	}

	void release()
	{
		anon_.reset();
		cow_.reset();
		file_.reset();
		shm_.reset();
		if (memfd_ >= 0)
			close(memfd_);
		memfd_ = -1;
	}

	HugetlbOptions options_;
	HugepagePool pool_;
	std::optional<Mapping> anon_, file_, cow_;
	std::optional<SysvHugeSegment> shm_;
	int memfd_ = -1;
};

HugetlbOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	HugetlbOptions options{values.integer("anon_pages"), values.integer("file_pages"), values.integer("shm_pages"),
			       values.integer("cow_pages")};
	if (options.cow_pages > options.file_pages)
		throw invalid_input(fmt::format("option cow_pages = {} is more than file_pages = {}: the private "
						"copies are of the memfd's pages", options.cow_pages, options.file_pages));
	if (options.total() == 0)
		throw invalid_input("anon_pages, file_pages and shm_pages are all 0: nothing to fault");
	return options;
}

std::optional<std::string> hugetlb_missing()
{
	if (access("/proc/sys/vm/nr_hugepages", F_OK) != 0)
		return "this kernel has no hugetlb pages (/proc/sys/vm/nr_hugepages is missing: CONFIG_HUGETLBFS)";
	return std::nullopt;
}

}  // namespace

WorkloadDescriptor describe_hugetlb()
{
	return {
		.schema = {
			.kind = "hugetlb",
			.summary = "fault a known number of default-size huge pages into MAP_HUGETLB, memfd (MFD_HUGETLB), "
				   "SysV SHM_HUGETLB and private copy-on-write mappings; needs vm.nr_hugepages in [sysctl]",
			.options = {
				integer_option("anon_pages", "huge pages of a MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB mapping",
					       4, 0, 4096),
				integer_option("file_pages", "huge pages of a MAP_SHARED mapping of a memfd_create(MFD_HUGETLB) "
					       "file", 4, 0, 4096),
				integer_option("shm_pages", "huge pages of a SysV SHM_HUGETLB segment", 4, 0, 4096),
				integer_option("cow_pages", "of the memfd's pages, how many are then read and written through a "
					       "MAP_PRIVATE mapping: a read fault mapping the shared page, then a copy-on-write "
					       "fault (at most file_pages)", 2, 0, 4096),
			},
			.metrics = {
				{"pages", "huge pages taken from the pool: anon + file + shm + cow", {}},
				{"faults", "hugetlb faults the workload caused: anon + file + shm + 2 x cow", {}},
				{"anon_pages", "huge pages of the MAP_HUGETLB mapping written", {}},
				{"file_pages", "huge pages of the shared memfd mapping written", {}},
				{"shm_pages", "huge pages of the SysV segment written", {}},
				{"cow_pages", "huge pages read, then written through the private memfd mapping: each write a copy", {}},
				{"huge_page_bytes", "the default huge page size (Hugepagesize)", {}},
			},
			.check = [](const WorkloadContext &context) { read_options(context); },
		},
		.unsupported_reason = hugetlb_missing,
		.memory_need = nullptr,  // its pages come from the huge page pool, checked when it starts
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<Hugetlb>(read_options(context));
		},
	};
}

}  // namespace kmh
