// libc_probes: fires USDT probes named and shaped as glibc's malloc probes (provider libc) a known number of times.
#include <sys/sdt.h>

#include <cstdint>

#include "workloads/descriptors.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

// glibc's mallopt parameter number for M_MMAP_THRESHOLD (malloc.h).
constexpr int m_mmap_threshold = -3;

struct LibcProbesOptions {
	std::int64_t rounds = 0;
	std::int64_t sbrk_bytes = 0;
	std::int64_t heaps = 0;
	std::int64_t heap_bytes = 0;
	std::int64_t arenas = 0;
	std::int64_t mallopts = 0;
};

struct ProbeCounts {
	std::int64_t sbrk_more = 0, sbrk_less = 0, heap_new = 0, heap_free = 0, arena_new = 0, mallopt = 0;
	std::uint64_t sbrk_more_bytes = 0, sbrk_less_bytes = 0, heap_new_bytes = 0;
};

// The probes' pointer arguments point into this block, as glibc's point into its heaps.
alignas(64) char fake_heap[4096];

// The probes fire from these noinline functions, so each has one site the notes describe.
[[gnu::noinline]] void fire_sbrk_more(void *end, std::size_t size)
{
	DTRACE_PROBE2(libc, memory_sbrk_more, end, size);
}

[[gnu::noinline]] void fire_sbrk_less(void *end, std::size_t size)
{
	DTRACE_PROBE2(libc, memory_sbrk_less, end, size);
}

[[gnu::noinline]] void fire_heap_new(void *heap, std::size_t size)
{
	DTRACE_PROBE2(libc, memory_heap_new, heap, size);
}

[[gnu::noinline]] void fire_heap_free(void *heap, std::size_t size)
{
	DTRACE_PROBE2(libc, memory_heap_free, heap, size);
}

[[gnu::noinline]] void fire_arena_new(void *arena, std::size_t size)
{
	DTRACE_PROBE2(libc, memory_arena_new, arena, size);
}

[[gnu::noinline]] void fire_mallopt(int parameter, int value, int previous)
{
	DTRACE_PROBE2(libc, memory_mallopt, parameter, value);
	DTRACE_PROBE3(libc, memory_mallopt_mmap_threshold, value, previous, 1);
}

class LibcProbes : public Workload {
public:
	explicit LibcProbes(LibcProbesOptions options) : options_(options) {}

	std::vector<WorkloadMetric> run() override
	{
		move_fake_break();
		make_fake_heaps();
		for (std::int64_t i = 0; i < options_.arenas; i++, counts_.arena_new++)
			fire_arena_new(fake_heap + 64 * (i % 64), static_cast<std::size_t>(options_.heap_bytes));
		for (std::int64_t i = 0; i < options_.mallopts; i++, counts_.mallopt++)
			fire_mallopt(m_mmap_threshold, static_cast<int>(128 * KiB + i), static_cast<int>(128 * KiB));
		return report();
	}

private:
	// Round i grows by sbrk_bytes << (i % 3) and shrinks back by as much.
	void move_fake_break()
	{
		for (std::int64_t i = 0; i < options_.rounds; i++) {
			auto size = static_cast<std::size_t>(options_.sbrk_bytes) << (i % 3);
			fire_sbrk_more(fake_heap + sizeof(fake_heap), size);
			counts_.sbrk_more++;
			counts_.sbrk_more_bytes += size;
			fire_sbrk_less(fake_heap, size);
			counts_.sbrk_less++;
			counts_.sbrk_less_bytes += size;
		}
	}

	void make_fake_heaps()
	{
		auto size = static_cast<std::size_t>(options_.heap_bytes);
		for (std::int64_t i = 0; i < options_.heaps; i++) {
			fire_heap_new(fake_heap, size);
			counts_.heap_new++;
			counts_.heap_new_bytes += size;
			fire_heap_free(fake_heap, size);
			counts_.heap_free++;
		}
	}

	std::vector<WorkloadMetric> report() const
	{
		auto value = [](auto number) { return static_cast<double>(number); };
		return {
			{"sbrk_more_fires", {}, value(counts_.sbrk_more)},
			{"sbrk_more_bytes", {}, value(counts_.sbrk_more_bytes)},
			{"sbrk_less_fires", {}, value(counts_.sbrk_less)},
			{"sbrk_less_bytes", {}, value(counts_.sbrk_less_bytes)},
			{"heap_new_fires", {}, value(counts_.heap_new)},
			{"heap_new_bytes", {}, value(counts_.heap_new_bytes)},
			{"heap_free_fires", {}, value(counts_.heap_free)},
			{"arena_new_fires", {}, value(counts_.arena_new)},
			{"mallopt_fires", {}, value(counts_.mallopt)},
		};
	}

	LibcProbesOptions options_;
	ProbeCounts counts_;
};

LibcProbesOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	return {
		.rounds = values.integer("rounds"),
		.sbrk_bytes = values.integer("sbrk_bytes"),
		.heaps = values.integer("heaps"),
		.heap_bytes = values.integer("heap_bytes"),
		.arenas = values.integer("arenas"),
		.mallopts = values.integer("mallopts"),
	};
}

}  // namespace

WorkloadDescriptor describe_libc_probes()
{
	return {
		.schema = {
			.kind = "libc_probes",
			.summary = "fires USDT probes with glibc's malloc probe names and arguments (provider libc, "
				   "defined in kmemharness itself), a known number of times, without allocating: "
				   "real probes for the usdt collector where the C library has none",
			.options = {
				integer_option("rounds", "memory_sbrk_more(end, size) and memory_sbrk_less(end, size) "
					       "pairs; round i's size is sbrk_bytes << (i % 3)", 300, 0, 1000000),
				size_option("sbrk_bytes", "the size argument of round 0, 3, 6, ...", 4 * KiB, 1, 1 * GiB),
				integer_option("heaps", "memory_heap_new(heap, heap_bytes) and memory_heap_free(heap, "
					       "heap_bytes) pairs", 10, 0, 1000000),
				size_option("heap_bytes", "the size argument of the heap and arena probes", 64 * MiB, 1,
					    1 * GiB),
				integer_option("arenas", "memory_arena_new(arena, heap_bytes) hits", 2, 0, 1000000),
				integer_option("mallopts", "memory_mallopt(M_MMAP_THRESHOLD, value) hits, each followed "
					       "by memory_mallopt_mmap_threshold(value, previous, 1)", 5, 0, 1000000),
			},
			.metrics = {
				{"sbrk_more_fires", "memory_sbrk_more hits fired", {}},
				{"sbrk_more_bytes", "the sum of their size argument (arg 2)", {}},
				{"sbrk_less_fires", "memory_sbrk_less hits fired", {}},
				{"sbrk_less_bytes", "the sum of their size argument (arg 2)", {}},
				{"heap_new_fires", "memory_heap_new hits fired", {}},
				{"heap_new_bytes", "the sum of their size argument (arg 2)", {}},
				{"heap_free_fires", "memory_heap_free hits fired", {}},
				{"arena_new_fires", "memory_arena_new hits fired", {}},
				{"mallopt_fires", "memory_mallopt hits fired, as many memory_mallopt_mmap_threshold", {}},
			},
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = nullptr,  // it fires probes and touches no memory
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<LibcProbes>(read_options(context));
		},
	};
}

}  // namespace kmh
