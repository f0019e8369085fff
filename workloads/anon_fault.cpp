// anon_fault: map anonymous memory, fault every page in, unmap it; the plainest page allocator load.
#include <cstdint>
#include <optional>

#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

struct AnonFaultOptions {
	std::size_t bytes = 0;
	std::int64_t rounds = 0;
	HugePages huge = HugePages::forbid;
	std::vector<int> cpus;
};

class AnonFault : public Workload {
public:
	explicit AnonFault(AnonFaultOptions options) : options_(std::move(options)) {}

	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
	}

	std::vector<WorkloadMetric> run() override
	{
		std::size_t pages = 0;
		for (std::int64_t round = 0; round < options_.rounds; round++) {
			Mapping mapping = Mapping::anonymous(options_.bytes, options_.huge);
			pages += mapping.touch(page_size());
		}
		return {
			{"pages", {}, static_cast<double>(pages)},
			{"rounds", {}, static_cast<double>(options_.rounds)},
		};
	}

private:
	AnonFaultOptions options_;
};

AnonFaultOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	require_multiple_of("bytes", values.integer("bytes"), page_size());
	require_online_cpus(context.cpus);
	return {
		.bytes = static_cast<std::size_t>(values.integer("bytes")),
		.rounds = values.integer("rounds"),
		.huge = values.boolean("thp") ? HugePages::request : HugePages::forbid,
		.cpus = context.cpus,
	};
}

}  // namespace

WorkloadDescriptor describe_anon_fault()
{
	return {
		.kind = "anon_fault",
		.summary = "mmap anonymous memory, write one byte per page, munmap; repeated `rounds` times",
		.options = {
			size_option("bytes", "bytes mapped and faulted in per round (a multiple of the page size)",
				    64 * MiB, 4 * KiB, 64 * GiB),
			integer_option("rounds", "how many times to map, fault in and unmap", 1, 1, 100000),
			boolean_option("thp", "true: madvise(MADV_HUGEPAGE) on a 2 MiB aligned mapping; "
				       "false: madvise(MADV_NOHUGEPAGE)", false),
		},
		.metrics = {
			{"pages", "base pages written (one byte each) over all rounds", {}},
			{"rounds", "rounds completed", {}},
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<AnonFault>(read_options(context));
		},
	};
}

}  // namespace kmh
