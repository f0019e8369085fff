// fragment: provoke migratetype fallbacks (sparse_touch), fragment memory before a huge page request (hole_punch), or use up a zone's free huge blocks first (exhaust).
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "common/error.h"
#include "system/file_io.h"
#include "system/proc_text.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"
#include "workloads/process_name.h"

namespace kmh {

namespace {

// sparse_touch: each touch takes a page-table page from UNMOVABLE and a data page from MOVABLE.
// hole_punch: every other page of a filled region is freed, then huge pages are asked for.
// exhaust: the region is filled and holed before measuring; the run takes the zone's free huge
// blocks with huge pages, then asks for more.
enum class FragmentMode { sparse_touch, hole_punch, exhaust };

// The comms of exhaust's two requests, so per-process collectors tell them apart.
const char *const free_block_comm = "frag_freeblock";
const char *const compact_comm = "frag_compact";

const std::int64_t sparse_touch_default_bytes = 16 * GiB;
const std::int64_t hole_punch_default_bytes = 256 * MiB;

struct FragmentOptions {
	FragmentMode mode = FragmentMode::sparse_touch;
	std::size_t bytes = 0;
	std::size_t stride = 0;
	std::size_t thp_bytes = 0;
	std::string zone;
	std::size_t free_thp_max = 0;
	std::vector<int> cpus;
};

struct FragmentCounts {
	std::size_t pages_touched = 0;
	std::size_t pages_freed = 0;
	std::size_t thp_requested = 0;
	std::size_t thp_obtained = 0;
	std::size_t free_thp_requested = 0;
	std::size_t free_thp_obtained = 0;
};

// AnonHugePages of the mapping that contains `address`, from /proc/self/smaps, in bytes.
std::size_t anon_huge_bytes_at(const void *address)
{
	auto wanted = reinterpret_cast<std::uintptr_t>(address);
	std::ifstream smaps("/proc/self/smaps");
	std::string line;
	bool inside = false;
	while (std::getline(smaps, line)) {
		std::uintptr_t start = 0, end = 0;
		std::size_t kib = 0;
		if (std::sscanf(line.c_str(), "%" SCNxPTR "-%" SCNxPTR " ", &start, &end) == 2)
			inside = start <= wanted && wanted < end;
		else if (inside && std::sscanf(line.c_str(), "AnonHugePages: %zu kB", &kib) == 1)
			return kib * KiB;
	}
	throw run_error(fmt::format("no AnonHugePages line for address {} in /proc/self/smaps", address));
}

// Free blocks of order 9 and up in `zone` (every node), in 2 MiB units, from /proc/buddyinfo: 0
// exactly when the zone's order-9 fragmentation index is not -1.
std::size_t free_huge_blocks(const std::string &zone)
{
	std::string text = read_text_file("/proc/buddyinfo").value_or("");
	std::size_t blocks = 0;
	for (const ProcLine &line : split_proc_lines(text, "/proc/buddyinfo")) {
		std::vector<std::string_view> f = split_fields(line.text, " \t,");
		if (f.size() < 5 || f[0] != "Node" || f[2] != "zone" || f[3] != zone)
			continue;
		for (std::size_t order = 9; order + 4 < f.size(); order++)
			blocks += static_cast<std::size_t>(parse_proc_count(f[4 + order], line)) << (order - 9);
	}
	return blocks;
}

FragmentCounts sparse_touch(const FragmentOptions &options)
{
	Mapping span = Mapping::anonymous(options.bytes, HugePages::forbid, SwapReserve::noreserve);
	return {.pages_touched = span.touch(options.stride)};
}

FragmentCounts hole_punch(const FragmentOptions &options)
{
	FragmentCounts counts;
	Mapping filled = Mapping::anonymous(options.bytes, HugePages::forbid);
	counts.pages_touched = filled.touch(page_size());
	counts.pages_freed = filled.free_every_other_page();
	Mapping huge = Mapping::anonymous(options.thp_bytes, HugePages::request);
	huge.touch(page_size());
	counts.thp_requested = options.thp_bytes / huge_page_size;
	counts.thp_obtained = anon_huge_bytes_at(huge.data()) / huge_page_size;
	return counts;
}

class Fragment : public Workload {
public:
	explicit Fragment(FragmentOptions options) : options_(std::move(options)) {}

	// exhaust: the fill and the holes are made here, before the "before" snapshot.
	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
		if (options_.mode != FragmentMode::exhaust)
			return;
		filled_.emplace(Mapping::anonymous(options_.bytes, HugePages::forbid));
		counts_.pages_touched = filled_->touch(page_size());
		counts_.pages_freed = filled_->free_every_other_page();
	}

	std::vector<WorkloadMetric> run() override
	{
		if (options_.mode == FragmentMode::exhaust)
			exhaust();
		else
			counts_ = options_.mode == FragmentMode::sparse_touch ? sparse_touch(options_) : hole_punch(options_);
		return {
			{"pages_touched", {}, static_cast<double>(counts_.pages_touched)},
			{"pages_freed", {}, static_cast<double>(counts_.pages_freed)},
			{"thp_requested", {}, static_cast<double>(counts_.thp_requested)},
			{"thp_obtained", {}, static_cast<double>(counts_.thp_obtained)},
			{"free_thp_requested", {}, static_cast<double>(counts_.free_thp_requested)},
			{"free_thp_obtained", {}, static_cast<double>(counts_.free_thp_obtained)},
		};
	}

	void cleanup() override
	{
		huge_.reset();
		filled_.reset();
	}

private:
	// One mapping for both requests (two would merge into one VMA, and smaps counts per VMA): as
	// frag_freeblock, 2 MiB faults while the zone has a free huge block (at most free_thp_max);
	// then as frag_compact, thp_bytes more, which no free block can serve.
	void exhaust()
	{
		std::size_t free_max = options_.free_thp_max / huge_page_size;
		huge_.emplace(Mapping::anonymous(options_.free_thp_max + options_.thp_bytes, HugePages::request));
		name_current_process(free_block_comm);
		std::size_t faulted = 0;
		// One fault per look: a block another task takes meanwhile must not leave a fault without one.
		for (; faulted < free_max && free_huge_blocks(options_.zone) > 0; faulted++)
			touch_every(huge_->data() + faulted * huge_page_size, huge_page_size, huge_page_size);
		counts_.free_thp_requested = faulted;
		counts_.free_thp_obtained = anon_huge_bytes_at(huge_->data()) / huge_page_size;
		name_current_process(compact_comm);
		touch_every(huge_->data() + faulted * huge_page_size, options_.thp_bytes, huge_page_size);
		counts_.thp_requested = options_.thp_bytes / huge_page_size;
		counts_.thp_obtained = anon_huge_bytes_at(huge_->data()) / huge_page_size - counts_.free_thp_obtained;
	}

	FragmentOptions options_;
	FragmentCounts counts_;
	std::optional<Mapping> filled_;
	std::optional<Mapping> huge_;
};

FragmentMode mode_of(const OptionValues &values)
{
	if (values.string("mode") == "exhaust")
		return FragmentMode::exhaust;
	return values.string("mode") == "hole_punch" ? FragmentMode::hole_punch : FragmentMode::sparse_touch;
}

// The span (sparse_touch) or the memory filled (hole_punch); 0 in the options picks the mode's default.
std::int64_t bytes_of(const OptionValues &values)
{
	std::int64_t bytes = values.integer("bytes");
	if (bytes != 0)
		return bytes;
	return mode_of(values) == FragmentMode::sparse_touch ? sparse_touch_default_bytes : hole_punch_default_bytes;
}

void check_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	std::int64_t bytes = bytes_of(values);
	require_multiple_of("bytes", bytes, page_size());
	require_multiple_of("stride", values.integer("stride"), page_size());
	require_multiple_of("thp_bytes", values.integer("thp_bytes"), huge_page_size);
	require_multiple_of("free_thp_max", values.integer("free_thp_max"), huge_page_size);
	if (mode_of(values) == FragmentMode::sparse_touch && bytes < values.integer("stride"))
		throw invalid_input(fmt::format("fragment: bytes ({}) must be at least stride ({}) in sparse_touch mode",
						bytes, values.integer("stride")));
}

// sparse_touch: a data page and a page-table page per stride; hole_punch and exhaust: the fill,
// then the huge pages. exhaust's first request takes only blocks that are free at the time (never
// making the kernel reclaim for them), so what it holds is memory that was free anyway.
std::int64_t memory_need(const OptionValues &values)
{
	if (mode_of(values) != FragmentMode::sparse_touch)
		return bytes_of(values) + values.integer("thp_bytes");
	return bytes_of(values) / values.integer("stride") * 2 * static_cast<std::int64_t>(page_size());
}

FragmentOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	require_online_cpus(context.cpus);
	FragmentMode mode = mode_of(values);
	std::int64_t bytes = bytes_of(values);
	return {
		.mode = mode,
		.bytes = static_cast<std::size_t>(bytes),
		.stride = static_cast<std::size_t>(values.integer("stride")),
		.thp_bytes = static_cast<std::size_t>(values.integer("thp_bytes")),
		.zone = values.string("zone"),
		.free_thp_max = static_cast<std::size_t>(values.integer("free_thp_max")),
		.cpus = context.cpus,
	};
}

}  // namespace

WorkloadDescriptor describe_fragment()
{
	return {
		.schema = {
			.kind = "fragment",
			.summary = "provoke migratetype fallbacks (extfrag.events): sparse_touch touches one page per stride of "
				   "a sparse span; hole_punch frees every other page of a filled region, then requests huge pages; "
				   "exhaust does that with the holes made before measuring and a zone's free huge blocks used up first",
			.options = {
				choice_option("mode", "sparse_touch: one page-table page and one data page per stride; hole_punch: "
					      "fill bytes, free every other page, then fault in thp_bytes with MADV_HUGEPAGE; exhaust: "
					      "fill and free every other page before measuring, then take zone's free huge blocks "
					      "with huge pages (as frag_freeblock) and fault in thp_bytes more (as frag_compact)",
					      "sparse_touch", {"sparse_touch", "hole_punch", "exhaust"}),
				size_option("bytes", "sparse_touch: the virtual span (MAP_NORESERVE); hole_punch, exhaust: the memory "
					    "to fill; 0: 16GiB for sparse_touch, 256MiB for hole_punch and exhaust", 0, 0, 64 * TiB),
				size_option("stride", "sparse_touch: distance between touched pages (2MiB: one page table each)",
					    2 * MiB, 4 * KiB, 1 * GiB),
				size_option("thp_bytes", "hole_punch, exhaust: the huge page request made after fragmenting, a "
					    "multiple of 2MiB", 64 * MiB, 2 * MiB, 64 * GiB),
				string_option("zone", "exhaust: the zone (as /proc/buddyinfo names it) whose free huge blocks "
					      "are taken first", "Normal"),
				size_option("free_thp_max", "exhaust: the most those huge pages may take, a multiple of 2MiB",
					    1 * GiB, 2 * MiB, 64 * GiB),
			},
			.metrics = {
				{"pages_touched", "sparse_touch: pages touched, one per stride; hole_punch, exhaust: base pages filled", {}},
				{"pages_freed", "hole_punch, exhaust: base pages freed with MADV_DONTNEED (every other one); "
						"sparse_touch: 0", {}},
				{"thp_requested", "hole_punch, exhaust: thp_bytes in 2MiB huge pages; sparse_touch: 0", {}},
				{"thp_obtained", "hole_punch, exhaust: 2MiB huge pages actually backing the request (AnonHugePages "
						 "in /proc/self/smaps); sparse_touch: 0", {}},
				{"free_thp_requested", "exhaust: huge pages asked for while the zone had free huge blocks; else 0", {}},
				{"free_thp_obtained", "exhaust: huge pages those requests got; else 0", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = memory_need,
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<Fragment>(read_options(context));
		},
	};
}

}  // namespace kmh
