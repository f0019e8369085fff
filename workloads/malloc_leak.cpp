// malloc_leak: leaks blocks on one known call path, frees every block of another, for the malloc collector.
//
// Built with frame pointers (CMakeLists.txt) so a frame-pointer walk of the user stack from inside
// malloc reaches the kmh_* functions below and their caller. The kmh_* functions are extern "C",
// never inlined or cloned (noipa), so their names show up unchanged in symbolized stacks.
#include <malloc.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "common/error.h"
#include "workloads/descriptors.h"
#include "workloads/option_specs.h"

namespace {

// Requests of this size or more get a mapping of their own: pinned, so glibc does not raise it
// after the first such block is freed (its dynamic threshold).
constexpr int large_threshold = 128 * 1024;
constexpr std::int64_t max_leaked_total = 4LL << 30;
constexpr std::size_t churn_batch = 64;

// Writes the block and hands its address to the compiler as used: malloc without a use may go.
void touch(void *block, std::size_t size)
{
	if (!block)
		throw std::bad_alloc();
	std::memset(block, 0xa5, size);
	asm volatile("" : : "r"(block) : "memory");
}

// A block from the turn-th of six ways libc allocates, in rotation; counts the calls that
// returned a block. Inlined, so the caller is the innermost frame of every call's stack.
[[gnu::always_inline]] inline void *allocate_in_turn(std::size_t turn, std::size_t size, std::size_t &calls)
{
	void *block = nullptr;
	calls++;
	switch (turn % 6) {
	case 0:
		return std::malloc(size);
	case 1:
		return std::calloc(1, size);
	case 2:
		return aligned_alloc(16, size);  // glibc calls malloc inside: still one call
	case 3:
		return posix_memalign(&block, 64, size) == 0 ? block : nullptr;
	case 4:
		return std::realloc(nullptr, size);  // glibc calls malloc inside: still one call
	default:
		calls++;
		return std::realloc(std::malloc(size / 2 + 1), size);  // two calls; realloc frees the first block
	}
}

}  // namespace

extern "C" {

// Leaks `count` blocks of `size` bytes: allocated, written, never freed.
[[gnu::noipa]] void kmh_leak_known_path(std::size_t count, std::size_t size)
{
	for (std::size_t i = 0; i < count; i++)
		touch(std::malloc(size), size);
}

// Allocates and frees `count` blocks of `size` bytes with malloc, calloc, aligned_alloc,
// posix_memalign and realloc in turn, up to churn_batch live at a time, so that a free the
// collector missed leaves blocks behind instead of an address malloc hands out again at once.
// Nothing of it is outstanding afterwards. Returns the allocation calls that returned a block.
[[gnu::noipa]] std::size_t kmh_churn_freed_path(std::size_t count, std::size_t size)
{
	void *batch[churn_batch];
	std::size_t calls = 0;
	for (std::size_t done = 0; done < count;) {
		std::size_t live = std::min(churn_batch, count - done);
		for (std::size_t i = 0; i < live; i++)
			touch(batch[i] = allocate_in_turn(done + i, size, calls), size);
		for (std::size_t i = 0; i < live; i++)
			std::free(batch[i]);
		done += live;
	}
	return calls;
}

// Leaks `count` blocks at least as large as large_threshold: glibc maps each one by itself.
[[gnu::noipa]] void kmh_leak_large_path(std::size_t count, std::size_t size)
{
	for (std::size_t i = 0; i < count; i++)
		touch(std::malloc(size), size);
}

}  // extern "C"

namespace kmh {

namespace {

struct MallocLeakOptions {
	std::size_t leak_blocks = 0;
	std::size_t leak_size = 0;
	std::size_t freed_blocks = 0;
	std::size_t freed_size = 0;
	std::size_t large_blocks = 0;
	std::size_t large_size = 0;
};

class MallocLeak : public Workload {
public:
	explicit MallocLeak(MallocLeakOptions options) : options_(options) {}

	void prepare() override
	{
		if (mallopt(M_MMAP_THRESHOLD, large_threshold) != 1)
			throw std::runtime_error("mallopt(M_MMAP_THRESHOLD) failed");
	}

	std::vector<WorkloadMetric> run() override
	{
		std::size_t mapped_before = mallinfo2().hblks;
		kmh_leak_known_path(options_.leak_blocks, options_.leak_size);
		std::size_t freed_path_calls = kmh_churn_freed_path(options_.freed_blocks, options_.freed_size);
		kmh_leak_large_path(options_.large_blocks, options_.large_size);
		std::size_t mapped_after = mallinfo2().hblks;
		return {
			{"leaked_allocations", {}, double(options_.leak_blocks)},
			{"leaked_bytes", {}, double(options_.leak_blocks * options_.leak_size)},
			{"freed_allocations", {}, double(options_.freed_blocks)},
			{"freed_bytes", {}, double(options_.freed_blocks * options_.freed_size)},
			{"freed_path_calls", {}, double(freed_path_calls)},
			{"large_allocations", {}, double(options_.large_blocks)},
			{"large_bytes", {}, double(options_.large_blocks * options_.large_size)},
			{"glibc_mmapped_chunks", {}, double(mapped_after) - double(mapped_before)},
		};
	}

private:
	MallocLeakOptions options_;
};

// What leaks, plus the churn's live batch.
std::int64_t memory_need(const OptionValues &values)
{
	return values.integer("leak_blocks") * values.integer("leak_size") +
	       values.integer("large_blocks") * values.integer("large_size") +
	       static_cast<std::int64_t>(churn_batch) * values.integer("freed_size");
}

MallocLeakOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	MallocLeakOptions options{
		.leak_blocks = static_cast<std::size_t>(values.integer("leak_blocks")),
		.leak_size = static_cast<std::size_t>(values.integer("leak_size")),
		.freed_blocks = static_cast<std::size_t>(values.integer("freed_blocks")),
		.freed_size = static_cast<std::size_t>(values.integer("freed_size")),
		.large_blocks = static_cast<std::size_t>(values.integer("large_blocks")),
		.large_size = static_cast<std::size_t>(values.integer("large_size")),
	};
	std::int64_t leaked = values.integer("leak_blocks") * values.integer("leak_size") +
			      values.integer("large_blocks") * values.integer("large_size");
	if (leaked > max_leaked_total)
		throw invalid_input(fmt::format("malloc_leak: leak_blocks x leak_size + large_blocks x large_size is "
						"{} bytes; at most 4 GiB may leak", leaked));
	return options;
}

}  // namespace

WorkloadDescriptor describe_malloc_leak()
{
	return {
		.schema = {
			.kind = "malloc_leak",
			.summary = "malloc()s blocks on kmh_leak_known_path and never frees them; malloc()s and frees "
				   "blocks on kmh_churn_freed_path; optionally leaks large, mmap-backed blocks on kmh_leak_large_path",
			.options = {
				integer_option("leak_blocks", "blocks leaked on kmh_leak_known_path", 1000, 0, 1000000),
				size_option("leak_size", "bytes of each leaked block", 4 * KiB, 1, 16 * MiB),
				integer_option("freed_blocks", "blocks allocated and freed on kmh_churn_freed_path, 64 at a time", 10000,
					       0, 10000000),
				size_option("freed_size", "bytes of each freed block", 4 * KiB, 1, 16 * MiB),
				integer_option("large_blocks", "blocks leaked on kmh_leak_large_path, each in a mapping of its own",
					       0, 0, 1024),
				size_option("large_size", "bytes of each large block: at least the mmap threshold the workload "
					    "pins (128 KiB)", 1 * MiB, large_threshold, 64 * MiB),
			},
			.metrics = {
				{"leaked_allocations", "blocks leaked on kmh_leak_known_path", {}},
				{"leaked_bytes", "bytes leaked on kmh_leak_known_path", {}},
				{"freed_allocations", "blocks allocated and freed on kmh_churn_freed_path", {}},
				{"freed_bytes", "bytes allocated and freed on kmh_churn_freed_path", {}},
				{"freed_path_calls", "allocation calls on kmh_churn_freed_path that returned a block: one per "
				 "block, two for every sixth (malloc, then realloc to the full size)", {}},
				{"large_allocations", "blocks leaked on kmh_leak_large_path", {}},
				{"large_bytes", "bytes leaked on kmh_leak_large_path", {}},
				{"glibc_mmapped_chunks", "chunks glibc holds in mappings of their own after run() minus before "
				 "(mallinfo2().hblks): its own count of mmap-backed allocations", {}},
			},
			.check = [](const WorkloadContext &context) { read_options(context); },
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = memory_need,
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<MallocLeak>(read_options(context));
		},
	};
}

}  // namespace kmh
