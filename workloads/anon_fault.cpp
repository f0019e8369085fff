// anon_fault: map anonymous memory, fault every page in, unmap it; the plainest page allocator load.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>

#include "common/error.h"
#include "system/errno_error.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

// Who takes the first fault on each page: the workload's own write, or the kernel filling it.
enum class FaultBy { user, kernel };

struct AnonFaultOptions {
	std::size_t bytes = 0;
	std::int64_t rounds = 0;
	HugePages huge = HugePages::forbid;
	FaultBy fault_by = FaultBy::user;
	std::vector<int> cpus;
};

// read(2) from /dev/zero into the whole mapping: each page faults in kernel mode (clear_user).
std::size_t fill_from_kernel(int zero_fd, Mapping &mapping)
{
	std::size_t done = 0;
	while (done < mapping.size()) {
		ssize_t got = read(zero_fd, mapping.data() + done, mapping.size() - done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			throw errno_error(ExitCode::run_failed, "read from /dev/zero into the mapping failed");
		done += static_cast<std::size_t>(got);
	}
	return done / page_size();
}

class AnonFault : public Workload {
public:
	explicit AnonFault(AnonFaultOptions options) : options_(std::move(options)) {}

	~AnonFault() override
	{
		if (zero_fd_ >= 0)
			close(zero_fd_);
	}

	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
		if (options_.fault_by == FaultBy::kernel && (zero_fd_ = open("/dev/zero", O_RDONLY | O_CLOEXEC)) < 0)
			throw errno_error(ExitCode::environment, "cannot open /dev/zero");
	}

	std::vector<WorkloadMetric> run() override
	{
		std::size_t pages = 0;
		for (std::int64_t round = 0; round < options_.rounds; round++) {
			Mapping mapping = Mapping::anonymous(options_.bytes, options_.huge);
			pages += options_.fault_by == FaultBy::kernel ? fill_from_kernel(zero_fd_, mapping)
								      : mapping.touch(page_size());
		}
		return {
			{"pages", {}, static_cast<double>(pages)},
			{"rounds", {}, static_cast<double>(options_.rounds)},
		};
	}

private:
	AnonFaultOptions options_;
	int zero_fd_ = -1;
};

void check_options(const WorkloadContext &context)
{
	require_multiple_of("bytes", context.options->integer("bytes"), page_size());
}

// One round's mapping at a time.
std::int64_t memory_need(const OptionValues &values)
{
	return values.integer("bytes");
}

AnonFaultOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	require_online_cpus(context.cpus);
	return {
		.bytes = static_cast<std::size_t>(values.integer("bytes")),
		.rounds = values.integer("rounds"),
		.huge = values.boolean("thp") ? HugePages::request : HugePages::forbid,
		.fault_by = values.string("fault_by") == "kernel" ? FaultBy::kernel : FaultBy::user,
		.cpus = context.cpus,
	};
}

}  // namespace

WorkloadDescriptor describe_anon_fault()
{
	return {
		.schema = {
			.kind = "anon_fault",
			.summary = "mmap anonymous memory, write one byte per page (or fill it with read(2)), munmap; "
				   "repeated `rounds` times",
			.options = {
				size_option("bytes", "bytes mapped and faulted in per round (a multiple of the page size)",
					    64 * MiB, 4 * KiB, 64 * GiB),
				integer_option("rounds", "how many times to map, fault in and unmap", 1, 1, 100000),
				boolean_option("thp", "true: madvise(MADV_HUGEPAGE) on a 2 MiB aligned mapping; "
					       "false: madvise(MADV_NOHUGEPAGE)", false),
				choice_option("fault_by", "user: the workload writes one byte per page; kernel: read(2) from "
					      "/dev/zero fills each round's mapping, so the kernel takes the faults",
					      "user", {"user", "kernel"}),
			},
			.metrics = {
				{"pages", "base pages faulted in over all rounds (one byte written each, or filled by read(2))", {}},
				{"rounds", "rounds completed", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = memory_need,
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<AnonFault>(read_options(context));
		},
	};
}

}  // namespace kmh
