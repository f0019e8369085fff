// fragment: provoke migratetype fallbacks (sparse_touch) or fragment memory before a huge page request (hole_punch).
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "common/error.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

// sparse_touch: each touch takes a page-table page from UNMOVABLE and a data page from MOVABLE.
// hole_punch: every other page of a filled region is freed, then huge pages are asked for.
enum class FragmentMode { sparse_touch, hole_punch };

const std::int64_t sparse_touch_default_bytes = 16 * GiB;
const std::int64_t hole_punch_default_bytes = 256 * MiB;

struct FragmentOptions {
	FragmentMode mode = FragmentMode::sparse_touch;
	std::size_t bytes = 0;
	std::size_t stride = 0;
	std::size_t thp_bytes = 0;
	std::vector<int> cpus;
};

struct FragmentCounts {
	std::size_t pages_touched = 0;
	std::size_t pages_freed = 0;
	std::size_t thp_requested = 0;
	std::size_t thp_obtained = 0;
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

	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
	}

	std::vector<WorkloadMetric> run() override
	{
		FragmentCounts counts = options_.mode == FragmentMode::sparse_touch ? sparse_touch(options_) : hole_punch(options_);
		return {
			{"pages_touched", {}, static_cast<double>(counts.pages_touched)},
			{"pages_freed", {}, static_cast<double>(counts.pages_freed)},
			{"thp_requested", {}, static_cast<double>(counts.thp_requested)},
			{"thp_obtained", {}, static_cast<double>(counts.thp_obtained)},
		};
	}

private:
	FragmentOptions options_;
};

FragmentMode mode_of(const OptionValues &values)
{
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
	if (mode_of(values) == FragmentMode::sparse_touch && bytes < values.integer("stride"))
		throw invalid_input(fmt::format("fragment: bytes ({}) must be at least stride ({}) in sparse_touch mode",
						bytes, values.integer("stride")));
}

// sparse_touch: a data page and a page-table page per stride; hole_punch: the fill, then the huge pages.
std::int64_t memory_need(const OptionValues &values)
{
	if (mode_of(values) == FragmentMode::hole_punch)
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
				   "a sparse span; hole_punch frees every other page of a filled region, then requests huge pages",
			.options = {
				choice_option("mode", "sparse_touch: one page-table page and one data page per stride; hole_punch: "
					      "fill bytes, free every other page, then fault in thp_bytes with MADV_HUGEPAGE",
					      "sparse_touch", {"sparse_touch", "hole_punch"}),
				size_option("bytes", "sparse_touch: the virtual span (MAP_NORESERVE); hole_punch: the memory to fill; "
					    "0: 16GiB for sparse_touch, 256MiB for hole_punch", 0, 0, 64 * TiB),
				size_option("stride", "sparse_touch: distance between touched pages (2MiB: one page table each)",
					    2 * MiB, 4 * KiB, 1 * GiB),
				size_option("thp_bytes", "hole_punch: the huge page request made after fragmenting, a multiple of 2MiB",
					    64 * MiB, 2 * MiB, 64 * GiB),
			},
			.metrics = {
				{"pages_touched", "sparse_touch: pages touched, one per stride; hole_punch: base pages filled", {}},
				{"pages_freed", "hole_punch: base pages freed with MADV_DONTNEED (every other one); sparse_touch: 0", {}},
				{"thp_requested", "hole_punch: thp_bytes in 2MiB huge pages; sparse_touch: 0", {}},
				{"thp_obtained", "hole_punch: 2MiB huge pages actually backing the request (AnonHugePages in "
						 "/proc/self/smaps); sparse_touch: 0", {}},
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
