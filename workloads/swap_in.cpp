// swap_in: fill anonymous memory, push it to swap with MADV_PAGEOUT, then read every page back in.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <vector>

#include "common/error.h"
#include "system/errno_error.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

constexpr std::uint64_t pagemap_swapped = 1ULL << 62;  // Documentation/admin-guide/mm/pagemap.rst

// What each page holds in its first word: its index and a marker, so no page is same-filled
// (zram would store those without compressing) and a page that came back wrong is seen.
std::uint64_t page_stamp(std::size_t index)
{
	return 0x6b6d68ULL << 40 | index;
}

// How many pages of `mapping` /proc/self/pagemap shows as swapped out.
std::size_t swapped_pages(const Mapping &mapping)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		throw errno_error(ExitCode::environment, "cannot open /proc/self/pagemap");
	std::size_t pages = mapping.size() / page_size();
	std::vector<std::uint64_t> entries(pages);
	off_t offset = static_cast<off_t>(reinterpret_cast<std::uintptr_t>(mapping.data()) / page_size() * 8);
	ssize_t got = pread(fd, entries.data(), pages * 8, offset);
	int err = errno;
	close(fd);
	if (got != static_cast<ssize_t>(pages * 8))
		throw errno_error(ExitCode::run_failed, "reading /proc/self/pagemap failed", err);
	std::size_t swapped = 0;
	for (std::uint64_t entry : entries)
		swapped += (entry & pagemap_swapped) != 0;
	return swapped;
}

class SwapIn : public Workload {
public:
	explicit SwapIn(std::size_t bytes) : bytes_(bytes) {}

	// Outside the measured window: the swap-out is not what is measured.
	void prepare() override
	{
		mapping_ = Mapping::anonymous(bytes_, HugePages::forbid);
		auto *words = reinterpret_cast<std::uint64_t *>(mapping_->data());
		std::size_t stride = page_size() / sizeof(std::uint64_t);
		for (std::size_t page = 0; page < bytes_ / page_size(); page++)
			words[page * stride] = page_stamp(page);
		mapping_->advise(0, bytes_, MADV_PAGEOUT);
		paged_out_ = swapped_pages(*mapping_);
		if (paged_out_ == 0)
			throw environment_error("madvise(MADV_PAGEOUT) swapped out no page: is swap active (/proc/swaps)?");
	}

	// Reads every page once; each one still in swap faults and is read back in.
	std::vector<WorkloadMetric> run() override
	{
		const auto *words = reinterpret_cast<const volatile std::uint64_t *>(mapping_->data());
		std::size_t stride = page_size() / sizeof(std::uint64_t);
		std::size_t pages = bytes_ / page_size(), wrong = 0;
		for (std::size_t page = 0; page < pages; page++)
			wrong += words[page * stride] != page_stamp(page);
		if (wrong != 0)
			throw run_error(std::to_string(wrong) + " pages came back from swap with other contents");
		return {
			{"pages", {}, static_cast<double>(pages)},
			{"paged_out", {}, static_cast<double>(paged_out_)},
			{"still_swapped", {}, static_cast<double>(swapped_pages(*mapping_))},
		};
	}

	void cleanup() override { mapping_.reset(); }

private:
	std::size_t bytes_;
	std::optional<Mapping> mapping_;
	std::size_t paged_out_ = 0;
};

void check_options(const WorkloadContext &context)
{
	require_multiple_of("bytes", context.options->integer("bytes"), page_size());
}

// Filled before it is paged out.
std::int64_t memory_need(const OptionValues &values)
{
	return values.integer("bytes");
}

}  // namespace

WorkloadDescriptor describe_swap_in()
{
	return {
		.schema = {
			.kind = "swap_in",
			.summary = "fill an anonymous mapping, page it out with madvise(MADV_PAGEOUT) (before the measured "
				   "window), then read every page, swapping back in each one that was out",
			.options = {
				size_option("bytes", "bytes mapped, filled and paged out (a multiple of the page size)",
					    64 * MiB, 4 * KiB, 16 * GiB),
			},
			.metrics = {
				{"pages", "base pages read in the measured window", {}},
				{"paged_out", "pages /proc/self/pagemap showed as swapped out after MADV_PAGEOUT", {}},
				{"still_swapped", "pages still swapped out after the reads (0 unless swap-in failed)", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = memory_need,
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			check_options(context);
			return std::make_unique<SwapIn>(static_cast<std::size_t>(context.options->integer("bytes")));
		},
	};
}

}  // namespace kmh
