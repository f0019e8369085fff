// page_cache: read a file just dropped from the page cache, so each page read allocates a cache page.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/error.h"
#include "system/errno_error.h"
#include "workloads/cpu_affinity.h"
#include "workloads/descriptors.h"
#include "workloads/memory_mapping.h"
#include "workloads/option_specs.h"

namespace kmh {

namespace {

// More resident pages than 1 in this many after dropping the file: the drop did not work.
const std::size_t tolerated_residency_divisor = 100;

struct PageCacheOptions {
	std::size_t bytes = 0;
	std::string dir;
	std::size_t read_block = 0;
	std::vector<int> cpus;
};

Error file_error(const std::string &call, const std::string &path)
{
	return errno_error(ExitCode::run_failed, fmt::format("{} on {} failed", call, path));
}

class PageCache : public Workload {
public:
	explicit PageCache(PageCacheOptions options) : options_(std::move(options)) {}
	~PageCache() override { remove_file(); }

	void prepare() override
	{
		restrict_current_thread_to_cpus(options_.cpus);
		buffer_.assign(options_.read_block, '\xa5');
		create_file();
		write_file();
		drop_from_page_cache();
		resident_before_ = Mapping::file_read_only(fd_, options_.bytes).resident_pages();
		require_dropped();
	}

	std::vector<WorkloadMetric> run() override
	{
		std::size_t bytes_read = read_file();
		std::size_t resident_after = Mapping::file_read_only(fd_, options_.bytes).resident_pages();
		return {
			{"bytes_read", {}, static_cast<double>(bytes_read)},
			{"pages_read", {}, static_cast<double>(bytes_read / page_size())},
			{"resident_before", {}, static_cast<double>(resident_before_)},
			{"resident_after", {}, static_cast<double>(resident_after)},
		};
	}

	void cleanup() override
	{
		remove_file();
	}

private:
	void create_file()
	{
		path_ = options_.dir + "/kmh-page-cache-XXXXXX";
		fd_ = mkstemp(path_.data());
		if (fd_ < 0)
			throw errno_error(ExitCode::environment, fmt::format("cannot create a file in {}", options_.dir));
	}

	void write_file()
	{
		std::size_t written = 0;
		while (written < options_.bytes) {
			std::size_t chunk = std::min(buffer_.size(), options_.bytes - written);
			ssize_t done = write(fd_, buffer_.data(), chunk);
			if (done < 0 && errno != EINTR)
				throw file_error("write", path_);
			written += done > 0 ? static_cast<std::size_t>(done) : 0;
		}
	}

	void drop_from_page_cache()
	{
		if (fsync(fd_) != 0)
			throw file_error("fsync", path_);
		int err = posix_fadvise(fd_, 0, 0, POSIX_FADV_DONTNEED);
		if (err != 0)
			throw errno_error(ExitCode::run_failed, fmt::format("posix_fadvise(POSIX_FADV_DONTNEED) on {} failed", path_), err);
	}

	void require_dropped() const
	{
		std::size_t pages = (options_.bytes + page_size() - 1) / page_size();
		if (resident_before_ * tolerated_residency_divisor > pages)
			throw environment_error(fmt::format("{} of {} pages of {} stayed in the page cache after fsync and "
							    "POSIX_FADV_DONTNEED; is {} on tmpfs? set option dir to a "
							    "disk-backed filesystem", resident_before_, pages, path_, options_.dir));
	}

	std::size_t read_file()
	{
		if (lseek(fd_, 0, SEEK_SET) != 0)
			throw file_error("lseek", path_);
		std::size_t total = 0;
		while (true) {
			ssize_t done = read(fd_, buffer_.data(), buffer_.size());
			if (done == 0)
				return total;
			if (done < 0 && errno != EINTR)
				throw file_error("read", path_);
			total += done > 0 ? static_cast<std::size_t>(done) : 0;
		}
	}

	void remove_file()
	{
		if (fd_ < 0)
			return;
		close(fd_);
		unlink(path_.c_str());
		fd_ = -1;
	}

	PageCacheOptions options_;
	std::vector<char> buffer_;
	std::string path_;
	int fd_ = -1;
	std::size_t resident_before_ = 0;
};

PageCacheOptions read_options(const WorkloadContext &context)
{
	const OptionValues &values = *context.options;
	std::string dir = values.string("dir").empty() ? context.scratch_dir : values.string("dir");
	if (dir.empty())
		throw invalid_input("page_cache needs a directory for its file: set option dir");
	if (!std::filesystem::is_directory(dir))
		throw environment_error(fmt::format("page_cache: dir {} is not an existing directory", dir));
	require_online_cpus(context.cpus);
	return {
		.bytes = static_cast<std::size_t>(values.integer("bytes")),
		.dir = dir,
		.read_block = static_cast<std::size_t>(values.integer("read_block")),
		.cpus = context.cpus,
	};
}

}  // namespace

WorkloadDescriptor describe_page_cache()
{
	return {
		.schema = {
			.kind = "page_cache",
			.summary = "write a file, drop it from the page cache (fsync + POSIX_FADV_DONTNEED), then read it "
				   "sequentially while measuring: one page cache page allocated per page read",
			.options = {
				size_option("bytes", "size of the file", 64 * MiB, 4 * KiB, 16 * GiB),
				string_option("dir", "directory for the file, on a disk-backed filesystem (tmpfs cannot drop "
					      "pages); empty: the workload's scratch directory", std::string()),
				size_option("read_block", "bytes per read() call", 1 * MiB, 4 * KiB, 1 * GiB),
			},
			.metrics = {
				{"bytes_read", "bytes read from the file", {}},
				{"pages_read", "bytes_read in base pages", {}},
				{"resident_before", "pages of the file still in the page cache when the read started "
						    "(after dropping it; more than 1% fails the run)", {}},
				{"resident_after", "pages of the file in the page cache when the read ended (mincore)", {}},
			},
			.check = nullptr,
		},
		.unsupported_reason = [] { return std::optional<std::string>(); },
		.memory_need = nullptr,  // page cache, which reclaim drops
		.create = [](const WorkloadContext &context) -> std::unique_ptr<Workload> {
			return std::make_unique<PageCache>(read_options(context));
		},
	};
}

}  // namespace kmh
