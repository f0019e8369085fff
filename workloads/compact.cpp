// compact: fragment memory, then have the kernel compact every zone through /proc/sys/vm/compact_memory.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <sstream>
#include <string>

#include "common/error.h"
#include "system/file_io.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"
#include "workloads/process_name.h"

namespace kmh {

namespace {

const char *const compact_memory = "/proc/sys/vm/compact_memory";

struct CompactOptions {
	std::size_t fragment_bytes = 0;
	std::int64_t writes = 0;
	std::vector<int> cpus;
};

// Zones with present pages, over all nodes: compact_node() runs compact_zone() once on each.
std::size_t populated_zones()
{
	std::istringstream zoneinfo(read_text_file("/proc/zoneinfo").value_or(""));
	std::string line;
	std::size_t zones = 0;
	while (std::getline(zoneinfo, line)) {
		std::istringstream words(line);
		std::string key;
		long pages = 0;
		if (words >> key >> pages && key == "present" && pages > 0)
			zones++;
	}
	return zones;
}

class Compact : public Workload {
public:
	explicit Compact(CompactOptions options) : options_(std::move(options)) {}

	// Fills fragment_bytes and frees every other page: compaction then has pages to move.
	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
		name_current_process("compact");
		if (options_.fragment_bytes == 0)
			return;
		fragmented_.emplace(Mapping::anonymous(options_.fragment_bytes, HugePages::forbid));
		fragmented_->touch(page_size());
		fragmented_->free_every_other_page();
	}

	std::vector<WorkloadMetric> run() override
	{
		std::size_t zones = populated_zones();
		auto started = std::chrono::steady_clock::now();
		for (std::int64_t write = 0; write < options_.writes; write++)
			write_text_file(compact_memory, "1");
		std::chrono::nanoseconds spent = std::chrono::steady_clock::now() - started;
		return {
			{"writes", {}, static_cast<double>(options_.writes)},
			{"zones", {}, static_cast<double>(zones)},
			{"zone_compactions", {}, static_cast<double>(zones * options_.writes)},
			{"write_ns", {}, static_cast<double>(spent.count())},
		};
	}

	void cleanup() override { fragmented_.reset(); }

private:
	CompactOptions options_;
	std::optional<Mapping> fragmented_;
};

void check_options(const WorkloadContext &context)
{
	require_multiple_of("fragment_bytes", context.options->integer("fragment_bytes"), page_size());
}

std::int64_t memory_need(const OptionValues &values)
{
	return values.integer("fragment_bytes");
}

CompactOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	require_online_cpus(context.cpus);
	return {
		.fragment_bytes = static_cast<std::size_t>(values.integer("fragment_bytes")),
		.writes = values.integer("writes"),
		.cpus = context.cpus,
	};
}

}  // namespace

WorkloadDescriptor describe_compact()
{
	return {
		.schema = {
			.kind = "compact",
			.summary = "fragment memory (fill, free every other page), then write 1 to /proc/sys/vm/compact_memory: "
				   "the kernel compacts every populated zone of every node, in the workload's process",
			.options = {
				size_option("fragment_bytes", "anonymous memory filled and then freed every other page before "
					    "measuring (a multiple of the page size); 0: none", 256 * MiB, 0, 16 * GiB),
				integer_option("writes", "how many times compact_memory is written", 1, 1, 100),
			},
			.metrics = {
				{"writes", "writes to compact_memory", {}},
				{"zones", "zones with present pages (/proc/zoneinfo), each compacted once per write", {}},
				{"zone_compactions", "writes x zones: the compact_zone() runs the writes asked for", {}},
				{"write_ns", "wall-clock time of the writes, in ns", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = []() -> std::optional<std::string> {
			if (access(compact_memory, W_OK) != 0)
				return std::string("cannot write ") + compact_memory + " (" + std::strerror(errno) +
				       "): no CONFIG_COMPACTION, or not root";
			return std::nullopt;
		},
		.memory_need = memory_need,
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<Compact>(read_options(context));
		},
	};
}

}  // namespace kmh
