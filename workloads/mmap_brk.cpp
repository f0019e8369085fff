// mmap_brk: a known number of mmap/munmap pairs, failing calls and brk steps, counted by the workload itself.
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include "common/error.h"
#include "system/errno_error.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

struct MmapBrkOptions {
	std::int64_t mmaps = 0;
	std::size_t mmap_bytes = 0;
	std::int64_t failing_calls = 0;
	std::int64_t brk_steps = 0;
	std::size_t brk_bytes = 0;
};

// What the workload did, in the words of the collector's labels.
struct CallCounts {
	std::int64_t mmap_ok = 0, mmap_failed = 0, munmap_ok = 0, munmap_failed = 0;
	std::int64_t brk_calls = 0, brk_grows = 0, brk_shrinks = 0;
	std::uint64_t mmap_bytes = 0, munmap_bytes = 0, brk_grow_bytes = 0, brk_shrink_bytes = 0;
};

Error call_error(const std::string &call)
{
	return errno_error(ExitCode::run_failed, fmt::format("{} failed", call));
}

// brk(2) itself, not glibc's sbrk(), so every call is one the workload counts.
std::uintptr_t raw_brk(std::uintptr_t address)
{
	return static_cast<std::uintptr_t>(syscall(SYS_brk, address));
}

}  // namespace

extern "C" {

// One brk() step; never inlined, so the system call's caller's frame is always this one's caller.
[[gnu::noipa]] void kmh_brk_step(std::uintptr_t target)
{
	if (raw_brk(target) != target)
		throw run_error(fmt::format("brk to {:#x} failed", target));
}

// The heap grows by `bytes` per step on this path and shrinks on the next: the brk_stacks
// collector names each call by these functions (built with frame pointers, CMakeLists.txt).
[[gnu::noipa]] void kmh_brk_grow_path(std::uintptr_t start, std::int64_t steps, std::size_t bytes)
{
	for (std::int64_t i = 1; i <= steps; ++i)
		kmh_brk_step(start + i * bytes);
}

[[gnu::noipa]] void kmh_brk_shrink_path(std::uintptr_t start, std::int64_t steps, std::size_t bytes)
{
	for (std::int64_t i = steps - 1; i >= 0; --i)
		kmh_brk_step(start + i * bytes);
}

}  // extern "C"

namespace {

class MmapBrk : public Workload {
public:
	explicit MmapBrk(MmapBrkOptions options) : options_(options) {}

	// No heap allocation between the first call and the report: glibc's malloc could call brk or mmap.
	std::vector<WorkloadMetric> run() override
	{
		map_and_unmap();
		fail_on_purpose();
		move_break();
		return report();
	}

private:
	void map_and_unmap()
	{
		for (std::int64_t i = 0; i < options_.mmaps; ++i) {
			void *data = mmap(nullptr, options_.mmap_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
					  -1, 0);
			if (data == MAP_FAILED)
				throw call_error("mmap");
			counts_.mmap_ok++;
			counts_.mmap_bytes += options_.mmap_bytes;
			if (munmap(data, options_.mmap_bytes) != 0)
				throw call_error("munmap");
			counts_.munmap_ok++;
			counts_.munmap_bytes += options_.mmap_bytes;
		}
	}

	// mmap of length 0 and munmap of an unaligned address: both EINVAL.
	void fail_on_purpose()
	{
		for (std::int64_t i = 0; i < options_.failing_calls; ++i) {
			if (mmap(nullptr, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) != MAP_FAILED || errno != EINVAL)
				throw run_error("mmap of 0 bytes did not fail with EINVAL");
			counts_.mmap_failed++;
			if (munmap(reinterpret_cast<void *>(page_size() + 1), page_size()) == 0 || errno != EINVAL)
				throw run_error("munmap of an unaligned address did not fail with EINVAL");
			counts_.munmap_failed++;
		}
	}

	// Grows the heap brk_steps times by brk_bytes, then shrinks it back to where it was.
	void move_break()
	{
		std::uintptr_t start = raw_brk(0);
		counts_.brk_calls++;
		kmh_brk_grow_path(start, options_.brk_steps, options_.brk_bytes);
		counts_.brk_grows += options_.brk_steps;
		counts_.brk_grow_bytes += options_.brk_steps * options_.brk_bytes;
		kmh_brk_shrink_path(start, options_.brk_steps, options_.brk_bytes);
		counts_.brk_shrinks += options_.brk_steps;
		counts_.brk_shrink_bytes += options_.brk_steps * options_.brk_bytes;
		counts_.brk_calls += 2 * options_.brk_steps;
	}

	std::vector<WorkloadMetric> report() const
	{
		auto value = [](auto number) { return static_cast<double>(number); };
		return {
			{"mmap_calls", {}, value(counts_.mmap_ok + counts_.mmap_failed)},
			{"mmap_failures", {}, value(counts_.mmap_failed)},
			{"mmap_bytes", {}, value(counts_.mmap_bytes)},
			{"munmap_calls", {}, value(counts_.munmap_ok + counts_.munmap_failed)},
			{"munmap_failures", {}, value(counts_.munmap_failed)},
			{"munmap_bytes", {}, value(counts_.munmap_bytes)},
			{"brk_calls", {}, value(counts_.brk_calls)},
			{"brk_grows", {}, value(counts_.brk_grows)},
			{"brk_shrinks", {}, value(counts_.brk_shrinks)},
			{"brk_grow_bytes", {}, value(counts_.brk_grow_bytes)},
			{"brk_shrink_bytes", {}, value(counts_.brk_shrink_bytes)},
		};
	}

	MmapBrkOptions options_;
	CallCounts counts_;
};

void check_options(const WorkloadContext &context)
{
	require_multiple_of("mmap_bytes", context.options->integer("mmap_bytes"), page_size());
}

MmapBrkOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	return {
		.mmaps = values.integer("mmaps"),
		.mmap_bytes = static_cast<std::size_t>(values.integer("mmap_bytes")),
		.failing_calls = values.integer("failing_calls"),
		.brk_steps = values.integer("brk_steps"),
		.brk_bytes = static_cast<std::size_t>(values.integer("brk_bytes")),
	};
}

}  // namespace

WorkloadDescriptor describe_mmap_brk()
{
	return {
		.schema = {
			.kind = "mmap_brk",
			.summary = "`mmaps` anonymous mmap/munmap pairs, `failing_calls` EINVAL mmaps and munmaps, and "
				   "`brk_steps` brk() steps up and as many back down; reports its own call counts",
			.options = {
				integer_option("mmaps", "mmap/munmap pairs of `mmap_bytes` each", 1000, 0, 1000000),
				size_option("mmap_bytes", "length of each mapping (a multiple of the page size)", 64 * KiB,
					    4 * KiB, 1 * GiB),
				integer_option("failing_calls", "mmap calls of length 0 and munmap calls of an unaligned "
					       "address, each failing with EINVAL", 10, 0, 100000),
				integer_option("brk_steps", "brk() calls growing the heap by `brk_bytes`, then as many "
					       "shrinking it back", 100, 0, 100000),
				size_option("brk_bytes", "bytes the break moves per step", 64 * KiB, 1, 64 * MiB),
			},
			.metrics = {
				{"mmap_calls", "mmap calls made, failing ones included", {}},
				{"mmap_failures", "mmap calls that failed with EINVAL, as meant", {}},
				{"mmap_bytes", "bytes mapped by the successful mmap calls", {}},
				{"munmap_calls", "munmap calls made, failing ones included", {}},
				{"munmap_failures", "munmap calls that failed with EINVAL, as meant", {}},
				{"munmap_bytes", "bytes unmapped by the successful munmap calls", {}},
				{"brk_calls", "brk calls made: one query (brk(0)) and the steps", {}},
				{"brk_grows", "brk calls that grew the heap", {}},
				{"brk_shrinks", "brk calls that shrank the heap", {}},
				{"brk_grow_bytes", "bytes the heap grew by, over all steps", {}},
				{"brk_shrink_bytes", "bytes the heap shrank by, over all steps", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = nullptr,  // it maps and moves the break without touching the memory
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<MmapBrk>(read_options(context));
		},
	};
}

}  // namespace kmh
