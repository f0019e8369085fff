// memory_pressure: push more page cache (or anonymous memory) through the workload than its memory cgroup holds.
#include <fcntl.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"
#include "scenario/units.h"
#include "system/errno_error.h"
#include "system/meminfo.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"
#include "workloads/process_name.h"
#include "workloads/reclaim_settle.h"

namespace kmh {

namespace {

constexpr long tmpfs_magic = 0x01021994;

// file: clean page cache the kernel can drop; anon: anonymous memory it can only swap out.
enum class PressureSource { file, anon };

struct PressureOptions {
	PressureSource source = PressureSource::file;
	std::size_t bytes = 0;
	std::int64_t passes = 0;
	std::string dir;
	std::size_t read_block = 0;
	std::chrono::nanoseconds settle{};  // zero: do not wait for reclaim to go quiet
	std::vector<int> cpus;
};

Error file_error(const std::string &call, const std::string &path)
{
	return errno_error(ExitCode::run_failed, fmt::format("{} on {} failed", call, path));
}


// A sparse file: reading its holes fills the page cache with clean zeroed pages, no disk I/O.
class SparseFile {
public:
	SparseFile(const std::string &dir, std::size_t bytes)
	{
		struct statfs fs {};
		if (statfs(dir.c_str(), &fs) == 0 && fs.f_type == tmpfs_magic)
			throw environment_error(fmt::format("memory_pressure: {} is on tmpfs, whose pages are not page "
							    "cache the kernel can drop; set option dir to a disk-backed "
							    "filesystem", dir));
		path_ = dir + "/kmh-memory-pressure-XXXXXX";
		fd_ = mkstemp(path_.data());
		if (fd_ < 0)
			throw errno_error(ExitCode::environment, fmt::format("cannot create a file in {}", dir));
		if (ftruncate(fd_, static_cast<off_t>(bytes)) != 0)
			throw file_error("ftruncate", path_);
	}
	~SparseFile()
	{
		close(fd_);
		unlink(path_.c_str());
	}
	SparseFile(const SparseFile &) = delete;
	SparseFile &operator=(const SparseFile &) = delete;

	std::size_t read_all(std::vector<char> &buffer) const
	{
		std::size_t total = 0;
		for (off_t offset = 0;; offset += static_cast<off_t>(buffer.size())) {
			ssize_t done = pread(fd_, buffer.data(), buffer.size(), offset);
			if (done < 0 && errno == EINTR)
				continue;
			if (done < 0)
				throw file_error("pread", path_);
			if (done == 0)
				return total;
			total += static_cast<std::size_t>(done);
		}
	}

private:
	std::string path_;
	int fd_ = -1;
};

class MemoryPressure : public Workload {
public:
	explicit MemoryPressure(PressureOptions options) : options_(std::move(options)) {}

	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
		name_current_process("memory_pressure");
		if (options_.source == PressureSource::file) {
			file_.emplace(options_.dir, options_.bytes);
			buffer_.assign(options_.read_block, 0);
		}
	}

	std::vector<WorkloadMetric> run() override
	{
		std::size_t bytes = 0;
		for (std::int64_t pass = 0; pass < options_.passes; pass++)
			bytes += options_.source == PressureSource::file ? file_->read_all(buffer_) : touch_anonymous();
		std::vector<WorkloadMetric> metrics = {
			{"bytes", {}, static_cast<double>(bytes)},
			{"pages", {}, static_cast<double>(bytes / page_size())},
			{"passes", {}, static_cast<double>(options_.passes)},
		};
		if (options_.settle.count() > 0)
			append_settle_metrics(metrics);
		return metrics;
	}

	void cleanup() override { file_.reset(); }

private:
	// Still measured: waits until kswapd has stopped writing and freeing what the writes pushed out.
	void append_settle_metrics(std::vector<WorkloadMetric> &metrics) const
	{
		SettlePolicy policy;
		policy.limit = options_.settle;
		SettleOutcome outcome = wait_for_reclaim_quiet(policy);
		metrics.push_back({"settle_seconds", {}, outcome.seconds});
		metrics.push_back({"settled", {}, outcome.settled ? 1.0 : 0.0});
	}

	std::size_t touch_anonymous()
	{
		if (!anonymous_)
			anonymous_.emplace(Mapping::anonymous(options_.bytes, HugePages::forbid));
		return anonymous_->touch(page_size()) * page_size();
	}

	PressureOptions options_;
	std::optional<SparseFile> file_;
	std::optional<Mapping> anonymous_;
	std::vector<char> buffer_;
};

std::chrono::nanoseconds settle_limit(std::int64_t nanoseconds)
{
	SettlePolicy policy;
	auto shortest = policy.interval * policy.quiet_polls;
	if (nanoseconds > 0 && std::chrono::nanoseconds(nanoseconds) < shortest)
		throw invalid_input(fmt::format("memory_pressure: settle = \"{}\" is shorter than the {} polls {} ms "
						"apart that make reclaim quiet; use 0 (no wait) or at least {} ms",
						format_duration(nanoseconds), policy.quiet_polls,
						policy.interval / std::chrono::milliseconds(1),
						shortest / std::chrono::milliseconds(1)));
	return std::chrono::nanoseconds(nanoseconds);
}

void check_options(const WorkloadContext &context)
{
	require_multiple_of("bytes", context.options->integer("bytes"), page_size());
	settle_limit(context.options->integer("settle"));
}

// source = file fills the page cache, which reclaim drops; anon holds its mapping (swap may take it).
std::int64_t memory_need(const OptionValues &values)
{
	return values.string("source") == "anon" ? values.integer("bytes") : 0;
}

PressureOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	check_options(context);
	PressureSource source = values.string("source") == "anon" ? PressureSource::anon : PressureSource::file;
	if (source == PressureSource::anon && meminfo_value(read_meminfo(), "SwapTotal").value_or(0) == 0)
		throw environment_error("memory_pressure: source = \"anon\" pushes anonymous memory out to swap, and "
					"this machine has none (SwapTotal 0): the OOM killer would end it; use "
					"source = \"file\", or oom_provoker to provoke the OOM killer");
	std::string dir = values.string("dir").empty() ? context.scratch_dir : values.string("dir");
	if (source == PressureSource::file && !std::filesystem::is_directory(dir))
		throw environment_error(fmt::format("memory_pressure: dir {} is not an existing directory", dir));
	require_online_cpus(context.cpus);
	return {
		.source = source,
		.bytes = static_cast<std::size_t>(values.integer("bytes")),
		.passes = values.integer("passes"),
		.dir = dir,
		.read_block = static_cast<std::size_t>(values.integer("read_block")),
		.settle = settle_limit(values.integer("settle")),
		.cpus = context.cpus,
	};
}

}  // namespace

WorkloadDescriptor describe_memory_pressure()
{
	return {
		.schema = {
			.kind = "memory_pressure",
			.summary = "read a sparse file of `bytes` (clean page cache) or write anonymous memory, `passes` times, "
				   "so that a [cgroup] memory_max below `bytes` makes the kernel reclaim",
			.options = {
				choice_option("source", "file: page cache of a sparse file, read sequentially (dropped by "
					      "reclaim without I/O); anon: anonymous memory written page by page (needs swap)",
					      "file", {"file", "anon"}),
				size_option("bytes", "the file's size, or the anonymous mapping's (a multiple of the page size)",
					    1 * GiB, 4 * KiB, 64 * GiB),
				integer_option("passes", "how many times the whole of `bytes` is read or written", 1, 1, 1000),
				string_option("dir", "source = file: the file's directory, on a disk-backed filesystem; empty: "
					      "the workload's scratch directory", std::string()),
				size_option("read_block", "source = file: bytes per pread() call", 1 * MiB, 4 * KiB, 1 * GiB),
				duration_option("settle", "after the passes, still measured: wait until /proc/vmstat's pswpout "
						"and pgsteal_kswapd stay unchanged over 3 polls 100 ms apart, at most this "
						"long; 0: do not wait", 0, 0, 60 * ns_per_second),
			},
			.metrics = {
				{"bytes", "bytes read (file) or written (anon), over all passes", {}},
				{"pages", "`bytes` in base pages", {}},
				{"passes", "passes completed", {}},
				{"settle_seconds", "settle > 0: seconds waited for reclaim to go quiet", {}},
				{"settled", "settle > 0: 1 when reclaim went quiet, 0 when `settle` passed first", {}},
			},
			.check = check_options,
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = memory_need,
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<MemoryPressure>(read_options(context));
		},
	};
}

}  // namespace kmh
